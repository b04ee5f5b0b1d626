//! One tab at a time: the browser's Web Locks, shared by every tab of the
//! site. The outbox sends each comment under one, so that two tabs never
//! send the same comment.

use std::time::Duration;

/// A lock this tab holds; given back when dropped, or later with
/// [`Held::release_after`].
#[must_use = "the lock is given back when this is dropped"]
pub struct Held {
    #[cfg(target_arch = "wasm32")]
    release: Option<js_sys::Function>,
}

/// Waits until this tab holds the lock `name`, while another tab of the
/// site holds it. Where the browser has no Web Locks (an old browser, or a
/// page not served over HTTPS), or the lock cannot be asked for, it returns
/// at once with nothing held.
pub async fn hold(name: &str) -> Held {
    #[cfg(target_arch = "wasm32")]
    {
        Held {
            release: browser::acquire(name).await,
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = name;
        Held {}
    }
}

impl Held {
    /// Keeps the lock a while longer without keeping the caller waiting.
    pub fn release_after(self, delay: Duration) {
        leptos::prelude::set_timeout(move || drop(self), delay);
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        #[cfg(target_arch = "wasm32")]
        if let Some(release) = self.release.take() {
            let _ = release.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Array, Function, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    use wasm_bindgen_futures::JsFuture;

    /// Asks for the lock and waits until it is granted. Returns the function
    /// that gives it back, or `None` when there is no lock to hold.
    pub(super) async fn acquire(name: &str) -> Option<Function> {
        let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
        let locks = Reflect::get(&navigator, &"locks".into())
            .ok()
            .filter(JsValue::is_object)?;
        let request: Function = Reflect::get(&locks, &"request".into())
            .ok()?
            .dyn_into()
            .ok()?;

        // The lock is held until the promise its callback returns settles.
        let mut release = None;
        let held = Promise::new(&mut |resolve, _| release = Some(resolve));
        let mut grant = None;
        let granted = Promise::new(&mut |resolve, _| grant = Some(resolve));
        let (release, grant) = (release?, grant?);
        let on_grant = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
            let _ = grant.call0(&JsValue::NULL);
            held.into()
        });
        // Should the caller stop waiting, the lock is given back as soon as
        // it is granted.
        let mut release = Release(Some(release));
        let asked: Promise = request
            .call2(&locks, &JsValue::from_str(name), &on_grant)
            .ok()?
            .dyn_into()
            .ok()?;
        // `asked` settles only after the release, unless the request fails.
        JsFuture::from(Promise::race(&Array::of2(&granted, &asked)))
            .await
            .ok()?;
        release.0.take()
    }

    struct Release(Option<Function>);

    impl Drop for Release {
        fn drop(&mut self) {
            if let Some(release) = self.0.take() {
                let _ = release.call0(&JsValue::NULL);
            }
        }
    }
}
