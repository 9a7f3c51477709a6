//! One QuickJS runtime + context with the sandbox limits, the prelude and the package's entry
//! module loaded. [`crate::ScriptRuntime`] owns one `Engine` and builds a fresh one on reload, so
//! a failed reload leaves the running one untouched.
//!
//! The time budget is enforced by QuickJS's interrupt handler: before each call the engine sets
//! a deadline in thread CPU time ([`cputime`]); the handler, which QuickJS polls while it executes bytecode, returns `true` once
//! the deadline passed and QuickJS unwinds with an uncatchable error.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use rquickjs::context::EvalOptions;
use rquickjs::{Context, Ctx, Function, Module, Object, Persistent, Runtime};

use crate::config::ScriptConfig;
use crate::cputime;
use crate::error::{ErrorKind, LoadError, ScriptError, from_exception, from_value};
use crate::loader::{PackageLoader, PackageResolver, Sources};
use crate::native::natives;
use crate::state::HostState;

const PRELUDE: &str = include_str!("prelude.js");

pub(crate) struct Engine {
    // Field order matters: the persistent handle must be freed before the context and runtime.
    hooks: Persistent<Object<'static>>,
    context: Context,
    runtime: Runtime,
    /// Thread CPU time ([`cputime::now`]) at which the running call is interrupted.
    deadline: Rc<Cell<Option<Duration>>>,
    interrupted: Rc<Cell<bool>>,
    /// Unhandled promise rejections seen by the tracker, reported after the call.
    rejections: Rc<RefCell<Vec<ScriptError>>>,
}

impl Engine {
    /// Builds the runtime, runs the prelude, then declares and evaluates `entry`.
    pub(crate) fn load(
        sources: &Rc<Sources>,
        entry: &str,
        state: &Rc<RefCell<HostState>>,
        config: &ScriptConfig,
    ) -> Result<Self, LoadError> {
        let engine_err = |e: rquickjs::Error| LoadError::Engine(e.to_string());
        let runtime = Runtime::new().map_err(engine_err)?;
        runtime.set_memory_limit(config.memory_limit);
        runtime.set_max_stack_size(config.max_stack);
        runtime.set_loader(
            PackageResolver,
            PackageLoader {
                sources: sources.clone(),
            },
        );
        let deadline = Rc::new(Cell::new(None::<Duration>));
        let interrupted = Rc::new(Cell::new(false));
        {
            let (deadline, interrupted) = (deadline.clone(), interrupted.clone());
            runtime.set_interrupt_handler(Some(Box::new(move || {
                let over = deadline.get().is_some_and(|d| cputime::now() >= d);
                if over {
                    interrupted.set(true);
                }
                over
            })));
        }
        let rejections = Rc::new(RefCell::new(Vec::new()));
        {
            let rejections = rejections.clone();
            runtime.set_host_promise_rejection_tracker(Some(Box::new(
                move |_ctx, _promise, reason, is_handled| {
                    if !is_handled {
                        let mut list = rejections.borrow_mut();
                        if list.len() < 16 {
                            list.push(from_value(&reason, "promise"));
                        }
                    }
                },
            )));
        }
        let context = Context::full(&runtime).map_err(engine_err)?;

        let hooks = context.with(|ctx| -> Result<_, LoadError> {
            let hooks = install_prelude(&ctx, state)
                .map_err(|e| LoadError::Engine(from_exception(&ctx, &e, "prelude").to_string()))?;
            Ok(Persistent::save(&ctx, hooks))
        })?;
        let engine = Self {
            hooks,
            context,
            runtime,
            deadline,
            interrupted,
            rejections,
        };
        let Some(source) = sources.get(entry) else {
            return Err(LoadError::MissingEntry {
                entry: entry.to_owned(),
                available: sources.keys().cloned().collect::<Vec<_>>().join(", "),
            });
        };
        engine
            .call("load", config.load_budget, |ctx, _| {
                let (_module, promise) =
                    Module::declare(ctx.clone(), entry, source.as_bytes())?.eval()?;
                match promise.finish::<()>() {
                    Err(rquickjs::Error::WouldBlock) => Ok(()),
                    other => other,
                }
            })
            .map_err(LoadError::Script)?;
        Ok(engine)
    }

    /// Runs `f` under a fresh time budget and converts any failure to a [`ScriptError`].
    pub(crate) fn call(
        &self,
        during: &str,
        budget: Duration,
        f: impl for<'js> FnOnce(&Ctx<'js>, &Object<'js>) -> rquickjs::Result<()>,
    ) -> Result<(), ScriptError> {
        self.call_until(during, cputime::now(), budget, f)
    }

    /// Runs `f` with the budget that started at `started` (several calls can share one frame's
    /// budget) and converts any failure to a [`ScriptError`].
    pub(crate) fn call_until(
        &self,
        during: &str,
        started: Duration,
        budget: Duration,
        f: impl for<'js> FnOnce(&Ctx<'js>, &Object<'js>) -> rquickjs::Result<()>,
    ) -> Result<(), ScriptError> {
        self.interrupted.set(false);
        self.deadline.set(Some(started + budget));
        let deadline = self.deadline.get();
        let result: Result<(), ScriptError> = self.context.with(|ctx| {
            let hooks = self
                .hooks
                .clone()
                .restore(&ctx)
                .map_err(|e| from_exception(&ctx, &e, during))?;
            f(&ctx, &hooks).map_err(|e| from_exception(&ctx, &e, during))?;
            // Promise jobs the call queued run inside the same budget.
            while ctx.execute_pending_job() {
                if deadline.is_some_and(|d| cputime::now() >= d) {
                    self.interrupted.set(true);
                    return Err(from_exception(&ctx, &rquickjs::Error::Unknown, during));
                }
            }
            Ok(())
        });
        self.deadline.set(None);
        result.map_err(|mut e| {
            if self.interrupted.get() {
                e.kind = ErrorKind::Timeout;
                e.message = format!(
                    "the script ran longer than its {} ms budget and was stopped (an endless loop?); it is paused until it is reloaded or resumed",
                    budget.as_secs_f64() * 1000.0
                );
            }
            if e.kind == ErrorKind::OutOfMemory {
                self.runtime.run_gc();
            }
            e
        })
    }

    /// Calls a prelude hook by name with arguments.
    pub(crate) fn hook<'js, A: rquickjs::function::IntoArgs<'js>>(
        hooks: &Object<'js>,
        name: &str,
        args: A,
    ) -> rquickjs::Result<()> {
        let f: Function<'js> = hooks.get(name)?;
        f.call::<A, ()>(args)
    }

    /// Unhandled promise rejections since the last call.
    pub(crate) fn take_rejections(&self) -> Vec<ScriptError> {
        std::mem::take(&mut self.rejections.borrow_mut())
    }

    /// Bytes the QuickJS heap uses now.
    pub(crate) fn memory_used(&self) -> i64 {
        self.runtime.memory_usage().memory_used_size
    }
}

fn install_prelude<'js>(
    ctx: &Ctx<'js>,
    state: &Rc<RefCell<HostState>>,
) -> rquickjs::Result<Object<'js>> {
    let mut options = EvalOptions::default();
    options.global = true;
    options.strict = true;
    options.filename = Some("<lantern>".to_owned());
    let build: Function<'js> = ctx.eval_with_options(PRELUDE, options)?;
    let n = natives(ctx, state)?;
    build.call((n,))
}
