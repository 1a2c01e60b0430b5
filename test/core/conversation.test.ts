import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conversationOf, defaultConversationKey, withConversation } from '../../src/core/conversation.js';
import { buildEvent } from '../../src/core/event.js';

test('the default conversation key is run_id and task_id, or none when both are empty', () => {
  const event = (run_id: string | null, task_id: string | null) => buildEvent({ kind: 'post_task', run_id, task_id }, 0);
  assert.equal(defaultConversationKey(event('r-1', 't-1')), 'r-1/t-1');
  assert.equal(defaultConversationKey(event('r-1', null)), 'r-1');
  assert.equal(defaultConversationKey(event(null, 't-1')), 't-1');
  assert.equal(defaultConversationKey(event(null, '')), undefined);
});

test('a sink template wins, then a front door\'s conversation label, then the default; an empty template means none', () => {
  const event = buildEvent({ kind: 'post_task', task_id: 't', run_id: 'r', labels: { repo: 'acme/app' } }, 0);
  assert.equal(conversationOf(event, '{{labels.repo}} {{run_id}}'), 'acme/app r');
  assert.equal(conversationOf(event, undefined), 'r/t');
  assert.equal(conversationOf(event, ''), undefined);
  assert.equal(conversationOf(withConversation(event, 'gh:acme/app:7:1:build'), undefined), 'gh:acme/app:7:1:build');
});
