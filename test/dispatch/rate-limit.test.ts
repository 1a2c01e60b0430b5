import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveRate, RateLimiter } from '../../src/dispatch/rate-limit.js';

test('a sliding window lets perWindow sends through, then says how long to wait', () => {
  const limiter = new RateLimiter({ perWindow: 5, windowMs: 2000 });
  let now = 10_000;
  for (let i = 0; i < 5; i++) {
    assert.equal(limiter.waitMs(now), 0);
    limiter.acquire(() => now, async () => undefined);
    now += 100;
  }
  assert.equal(limiter.waitMs(now), 1500, 'the oldest send leaves the window at 12,000');
  now = 12_000;
  assert.equal(limiter.waitMs(now), 0);
});

test('acquire sleeps through the injected sleep until a slot is free', async () => {
  const limiter = new RateLimiter({ perWindow: 1, windowMs: 1000 });
  let now = 0;
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    now += ms;
  };
  await limiter.acquire(() => now, sleep);
  await limiter.acquire(() => now, sleep);
  await limiter.acquire(() => now, sleep);
  assert.deepEqual(slept, [1000, 1000]);
});

test('a pause announced by the service holds every send until it ends', () => {
  const limiter = new RateLimiter({ perWindow: 100, windowMs: 1000 });
  limiter.pauseFor(0, 3000);
  assert.equal(limiter.waitMs(1000), 2000);
  assert.equal(limiter.waitMs(3000), 0);
});

test('rate_limit overrides the service default, and null turns limiting off', () => {
  const service = { perWindow: 1, windowMs: 1000 };
  assert.deepEqual(effectiveRate(undefined, service), service);
  assert.deepEqual(effectiveRate({ per_window: 10, window_ms: 60_000 }, service), { perWindow: 10, windowMs: 60_000 });
  assert.equal(effectiveRate(null, service), undefined);
  assert.equal(effectiveRate(undefined, undefined), undefined);
});
