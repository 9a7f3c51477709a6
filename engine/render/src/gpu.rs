//! The device: one wgpu instance/adapter/device/queue, headless.
//!
//! With no GPU (CI, this project's machines) wgpu finds Mesa's lavapipe (`llvmpipe`, Vulkan,
//! device type `Cpu`); `WGPU_BACKEND=gl` picks llvmpipe GL instead. A [`Gpu`] is cheap to clone
//! (wgpu's handles are reference-counted), so tests and apps can share one device between
//! several [`crate::Renderer`]s: creating a device on lavapipe takes a noticeable time.

use crate::error::{RenderError, Result};

/// Which adapter to prefer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AdapterChoice {
    /// A hardware GPU when there is one, else the CPU rasteriser.
    #[default]
    Auto,
    /// Force the fallback (CPU) adapter, for reproducible pixels across machines.
    Cpu,
}

/// A shared headless device.
#[derive(Clone, Debug)]
pub struct Gpu {
    pub device: wgpu::Device,
    pub queue: wgpu::Queue,
    pub info: wgpu::AdapterInfo,
}

impl Gpu {
    /// Create the device (blocking). Honours `WGPU_BACKEND` / `WGPU_ADAPTER_NAME`.
    pub fn new(choice: AdapterChoice) -> Result<Self> {
        pollster::block_on(Self::new_async(choice))
    }

    /// Create the device.
    pub async fn new_async(choice: AdapterChoice) -> Result<Self> {
        let instance =
            wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env());
        let adapter = instance
            .request_adapter(&wgpu::RequestAdapterOptions {
                power_preference: wgpu::PowerPreference::HighPerformance,
                force_fallback_adapter: choice == AdapterChoice::Cpu,
                compatible_surface: None,
                apply_limit_buckets: false,
            })
            .await
            .map_err(|e| RenderError::NoAdapter(e.to_string()))?;
        let info = adapter.get_info();
        let (device, queue) = adapter
            .request_device(&wgpu::DeviceDescriptor {
                label: Some("lantern-render"),
                required_features: wgpu::Features::empty(),
                required_limits: wgpu::Limits::downlevel_defaults()
                    .using_resolution(adapter.limits()),
                ..Default::default()
            })
            .await
            .map_err(|source| RenderError::Device {
                adapter: info.name.clone(),
                source,
            })?;
        tracing::info!(adapter = %info.name, backend = ?info.backend, kind = ?info.device_type, "render device ready");
        Ok(Self {
            device,
            queue,
            info,
        })
    }

    /// Whether the device is a software rasteriser (lavapipe, llvmpipe): every pass costs CPU.
    pub fn is_software(&self) -> bool {
        self.info.device_type == wgpu::DeviceType::Cpu
    }

    /// A one-line description of the adapter, e.g. `llvmpipe (LLVM 15.0.6, 256 bits) (Vulkan, Cpu)`.
    pub fn describe(&self) -> String {
        format!(
            "{} ({:?}, {:?})",
            self.info.name, self.info.backend, self.info.device_type
        )
    }

    /// Block until all submitted work is done.
    pub fn wait_idle(&self) -> Result<()> {
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map(|_| ())
            .map_err(|e| RenderError::Readback(e.to_string()))
    }
}
