//! The GPU state a layer keeps from frame to frame: uniform buffers with their bind groups, and
//! instance buffers. Each is made once and rewritten with `queue.write_buffer`.
//!
//! A layer can be drawn several times in one frame, and every queue write lands before the
//! frame's commands run, so one buffer per layer would leave all its draws with the last values.
//! Instead the n-th draw of a layer in a frame uses the layer's n-th slot; slots are added the
//! first time a frame needs that many and reused by every later frame.

use crate::pipeline;

/// Slots handed out in order, one per draw of a frame.
struct Slots<T> {
    label: &'static str,
    items: Vec<T>,
    used: usize,
}

impl<T> Slots<T> {
    fn new(label: &'static str) -> Self {
        Self {
            label,
            items: Vec::new(),
            used: 0,
        }
    }

    /// The next draw's slot index, and the slot if an earlier frame made it.
    fn next(&mut self) -> (usize, Option<&mut T>) {
        let i = self.used;
        self.used += 1;
        (i, self.items.get_mut(i))
    }
}

/// One draw's uniform buffer and the bind group over it, built for the inputs `key`.
struct UniformSlot<K> {
    buffer: wgpu::Buffer,
    key: K,
    bind: wgpu::BindGroup,
}

/// A layer's uniform slots; `K` names the inputs its bind group binds besides the buffer
/// (texture ids, the ping-pong target read), so the group is rebuilt only when they change.
pub(crate) struct UniformSlots<K> {
    size: u64,
    slots: Slots<UniformSlot<K>>,
}

impl<K: PartialEq> UniformSlots<K> {
    /// Slots of `size` bytes of uniforms each.
    pub(crate) fn new(label: &'static str, size: usize) -> Self {
        Self {
            size: size as u64,
            slots: Slots::new(label),
        }
    }

    /// Start a frame: its first draw takes slot 0 again.
    pub(crate) fn begin_frame(&mut self) {
        self.slots.used = 0;
    }

    /// Write `data` into the next slot and return the slot; its bind group is (re)built with
    /// `make` (given the slot's buffer) only when `key` differs from what it was built for.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        data: &[u8],
        key: K,
        make: impl FnOnce(&wgpu::Buffer) -> wgpu::BindGroup,
    ) -> usize {
        let (label, size) = (self.slots.label, self.size);
        let (i, slot) = self.slots.next();
        if let Some(slot) = slot {
            if slot.key != key {
                slot.bind = make(&slot.buffer);
                slot.key = key;
            }
        } else {
            let buffer = pipeline::buffer(device, label, size, wgpu::BufferUsages::UNIFORM);
            let bind = make(&buffer);
            self.slots.items.push(UniformSlot { buffer, key, bind });
        }
        queue.write_buffer(&self.slots.items[i].buffer, 0, data);
        i
    }

    /// Drops every slot (their bind groups name resources that are going away); the next
    /// frame makes them again.
    pub(crate) fn forget(&mut self) {
        self.slots.items.clear();
        self.slots.used = 0;
    }

    /// The bind group of a slot returned by [`UniformSlots::prepare`].
    pub(crate) fn bind_group(&self, slot: usize) -> &wgpu::BindGroup {
        &self.slots.items[slot].bind
    }
}

/// A layer's instance buffers, one per draw in a frame, grown (to a power of two) when a draw
/// needs more room than its slot has.
pub(crate) struct InstanceSlots(Slots<wgpu::Buffer>);

impl InstanceSlots {
    pub(crate) fn new(label: &'static str) -> Self {
        Self(Slots::new(label))
    }

    /// Start a frame: its first draw takes slot 0 again.
    pub(crate) fn begin_frame(&mut self) {
        self.0.used = 0;
    }

    /// Write `data` (non-empty, a multiple of 4 bytes) into the next slot and return the slot.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        data: &[u8],
    ) -> usize {
        let label = self.0.label;
        let len = data.len() as u64;
        let (i, slot) = self.0.next();
        let usage = wgpu::BufferUsages::VERTEX;
        match slot {
            Some(buffer) if buffer.size() >= len => {}
            Some(buffer) => {
                *buffer = pipeline::buffer(device, label, len.next_power_of_two(), usage);
            }
            None => {
                let buffer = pipeline::buffer(device, label, len.next_power_of_two(), usage);
                self.0.items.push(buffer);
            }
        }
        queue.write_buffer(&self.0.items[i], 0, data);
        i
    }

    /// The buffer of a slot returned by [`InstanceSlots::prepare`].
    pub(crate) fn buffer(&self, slot: usize) -> &wgpu::Buffer {
        &self.0.items[slot]
    }
}
