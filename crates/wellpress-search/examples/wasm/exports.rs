// The exports both wasm examples share; each defines `run`.

/// Memory for the host to write input into.
#[unsafe(no_mangle)]
pub extern "C" fn buffer(len: usize) -> *mut u8 {
    Box::leak(vec![0_u8; len].into_boxed_slice()).as_mut_ptr()
}

/// The example's `run` over the `len` bytes at `input`.
///
/// # Safety
/// `input` must point to `len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn search(input: *const u8, len: usize) -> usize {
    run(unsafe { std::slice::from_raw_parts(input, len) })
}
