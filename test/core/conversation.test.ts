import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conversationKey, defaultConversationKey } from '../../src/core/conversation.js';
import { buildEvent } from '../../src/core/event.js';

test('the default conversation key is run_id and task_id joined, or empty when both are', () => {
  assert.equal(defaultConversationKey({ run_id: 'r-1', task_id: 't-1' }), 'r-1/t-1');
  assert.equal(defaultConversationKey({ run_id: 'r-1', task_id: null }), 'r-1');
  assert.equal(defaultConversationKey({ run_id: null, task_id: 't-1' }), 't-1');
  assert.equal(defaultConversationKey({ run_id: null, task_id: '' }), '');
});

test('a conversation template is filled for the event; an empty template means none', () => {
  const event = buildEvent({ kind: 'post_task', task_id: 't', run_id: 'r', labels: { repo: 'acme/app' } }, 0);
  assert.equal(conversationKey(event, '{{labels.repo}} {{run_id}}'), 'acme/app r');
  assert.equal(conversationKey(event, undefined), 'r/t');
  assert.equal(conversationKey(event, ''), '');
});
