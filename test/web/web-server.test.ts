// The static server behind `paniclens web`: the page's own files only, never a path outside its folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileFor, startWebServer, type WebServer } from '../../src/cli/web-server.js';

const root = mkdtempSync(join(tmpdir(), 'paniclens-web-'));
let server: WebServer;

beforeAll(async () => {
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'app.js'), 'void 0;');
  server = await startWebServer(root, 0);
});
afterAll(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('web server', () => {
  it('maps request paths inside the folder and refuses every way out', () => {
    expect(fileFor(root, '/')).toBe(join(root, 'index.html'));
    expect(fileFor(root, '/app.js?v=1')).toBe(join(root, 'app.js'));
    for (const p of ['/../secret', '/..%2fsecret', '/%2e%2e/secret', '/a/../../secret', '/%00', '/%E0%A4%A']) expect(fileFor(root, p)).toBeUndefined();
  });

  it('listens on 127.0.0.1 only and answers with the page policy', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(`${server.url}app.js`);
    expect([res.status, res.headers.get('content-type'), res.headers.get('x-content-type-options')]).toEqual([200, 'text/javascript; charset=utf-8', 'nosniff']);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers 404 for missing files and folders, 405 for anything but GET and HEAD', async () => {
    expect((await fetch(`${server.url}missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}sub/`)).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('says in one line when the port is taken', async () => {
    const port = Number(new URL(server.url).port);
    await expect(startWebServer(root, port)).rejects.toThrow(`port ${port} is in use; choose another with --port, or 0 for a free one`);
  });
});
