/** Ownership keys of untaggable resources: stack and id read back unambiguously, even when both hold "-". */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ownerKey, parseOwnerKey } from '../../src/resources/natural-key.ts';

test('blogctl-<stack>_<id>[.<part>] reads back its stack, id and part', () => {
  assert.equal(ownerKey('blog', 's3InvokePermission'), 'blogctl-blog_s3InvokePermission');
  assert.deepEqual(parseOwnerKey(ownerKey('blog-x', 'media-notification', 'media/objects.v2')), { stack: 'blog-x', id: 'media-notification', part: 'media/objects.v2' });
  assert.deepEqual(parseOwnerKey(ownerKey('blog', 'x-foo')), { stack: 'blog', id: 'x-foo' });
  assert.deepEqual(parseOwnerKey(ownerKey('blog-x', 'foo')), { stack: 'blog-x', id: 'foo' }, 'not stack "blog" with id "x-foo"');
  for (const other of ['AllowS3', 'blogctl-blog-s3', 'blogctl-Blog_x', undefined]) assert.equal(parseOwnerKey(other), undefined);
});
