// A test that asserts nothing cannot fail. Each must make at least one assertion, so one that ends
// before its first expect (an early return, a callback never called, a property whose every case
// was left unjudged) fails instead of counting as passed.
beforeEach(() => {
  expect.hasAssertions();
});
