//! Runs a future to completion on the test thread. The in-memory log never waits, so every
//! future here is ready when first polled; a pending one is a bug and fails the test.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

pub fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("an in-memory log future was not ready"),
    }
}
