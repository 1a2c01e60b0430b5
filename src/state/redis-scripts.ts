// The Lua scripts that make the Redis backend's multi-step changes atomic on the server.

// Claims (sink, event): 'seen' when delivered in the window (or a sinkless Bernstein entry says
// so), 'busy' while another process holds the claim, else takes it.
export const CLAIM_SCRIPT = `
local wildcard = redis.call('GET', KEYS[2])
if wildcard and string.sub(wildcard, 1, 5) == 'done:' then return 'seen' end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'new' end
local current = redis.call('GET', KEYS[1])
if current and string.sub(current, 1, 5) == 'done:' then return 'seen' end
return 'busy'`;

// Drops the claim only if it is still ours: it may have expired and been taken by another process.
export const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// Imports a delivered record unless a newer one (or a claim in flight) is already there.
export const IMPORT_DEDUP_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current then
  if string.sub(current, 1, 5) ~= 'done:' then return 0 end
  if tonumber(string.sub(current, 6)) >= tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], 'done:' .. ARGV[1], 'PX', ARGV[2])
return 1`;

// Writes a dead letter, replacing an earlier record with the same id (the same failure recorded
// again), and indexes it by id so removal does not scan the stream.
export const ADD_DEAD_LETTER_SCRIPT = `
local previous = redis.call('HGET', KEYS[2], ARGV[1])
if previous then redis.call('XDEL', KEYS[1], previous) end
local streamId = redis.call('XADD', KEYS[1], '*', 'id', ARGV[1], 'letter', ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], streamId)
return streamId`;
