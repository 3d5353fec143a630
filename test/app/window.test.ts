import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

import { CONTENT_SECURITY_POLICY } from '../../main/bridge/static-files';
import { configureLogging } from '../../main/log/logger';
import { DEFAULT_PREFERENCES } from '../../main/app/preferences';

const BOUNDS = { ...DEFAULT_PREFERENCES.windowBounds, x: 40, y: 30 };

type Listener = (...args: unknown[]) => void;
type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: {
    responseHeaders?: Record<string, string | string[]>;
  }) => void,
) => void;
type PermissionHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void;
type OpenHandler = (details: { url: string }) => { action: string };
type ProtocolHandler = (request: Request) => Promise<Response>;

/** Fake of the parts of Electron that the window code calls. */
const fake = vi.hoisted(() => ({
  windowOptions: [] as Record<string, unknown>[],
  contentsListeners: new Map<string, Listener>(),
  openHandler: null as OpenHandler | null,
  headersListener: null as HeadersListener | null,
  permissionHandler: null as PermissionHandler | null,
  permissionCheckHandler: null as (() => boolean) | null,
  protocolHandler: null as ProtocolHandler | null,
  fetched: [] as string[],
  openExternal: vi.fn<(url: string) => Promise<void>>(),
}));

vi.mock('electron', () => {
  const session = {
    webRequest: {
      onHeadersReceived(listener: HeadersListener) {
        fake.headersListener = listener;
      },
    },
    setPermissionRequestHandler(handler: PermissionHandler) {
      fake.permissionHandler = handler;
    },
    setPermissionCheckHandler(handler: () => boolean) {
      fake.permissionCheckHandler = handler;
    },
  };
  const webContents = {
    session,
    on(event: string, listener: Listener) {
      fake.contentsListeners.set(event, listener);
    },
    setWindowOpenHandler(handler: OpenHandler) {
      fake.openHandler = handler;
    },
  };
  class BrowserWindow {
    readonly webContents = webContents;
    constructor(options: Record<string, unknown>) {
      fake.windowOptions.push(options);
    }
    once() {}
    maximize() {}
    show() {}
  }
  return {
    BrowserWindow,
    session: { defaultSession: session },
    shell: { openExternal: fake.openExternal },
    protocol: {
      registerSchemesAsPrivileged() {},
      handle(_scheme: string, handler: ProtocolHandler) {
        fake.protocolHandler = handler;
      },
    },
    net: {
      fetch(url: string) {
        fake.fetched.push(url);
        return Promise.resolve(
          new Response('<!doctype html>', {
            headers: { 'Content-Type': 'text/html' },
          }),
        );
      },
    },
  };
});

const { createMainWindow } = await import('../../main/app/window');
const { APP_PAGE_URL, resolveRendererFile, serveRenderer } =
  await import('../../main/app/app-protocol');
const { isSamePage, isWebUrl } = await import('../../main/app/window-security');

/** Creates a navigation event that records preventDefault calls. */
function navigationEvent() {
  return { preventDefault: vi.fn() };
}

function listener(event: string): Listener {
  const found = fake.contentsListeners.get(event);
  if (found === undefined) throw new Error(`no listener for ${event}`);
  return found;
}

beforeAll(() => {
  configureLogging({ level: 'silent' });
  fake.openExternal.mockResolvedValue(undefined);
  createMainWindow(BOUNDS, '/app/out/preload/index.mjs');
});

afterEach(() => {
  fake.openExternal.mockClear();
});

describe('window options', () => {
  test('renderer is isolated and sandboxed', () => {
    const options = fake.windowOptions[0];
    const preferences = options?.webPreferences as Record<string, unknown>;
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.webviewTag).toBe(false);
    expect(preferences.preload).toBe('/app/out/preload/index.mjs');
  });

  test('bounds come from the caller', () => {
    const options = fake.windowOptions[0];
    expect(options?.x).toBe(40);
    expect(options?.y).toBe(30);
    expect(options?.width).toBe(BOUNDS.width);
    expect(options?.height).toBe(BOUNDS.height);
    expect(options?.show).toBe(false);
  });
});

describe('content security policy', () => {
  function sessionPolicy(): string {
    let policy: string | string[] | undefined;
    fake.headersListener?.(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      response => {
        policy = response.responseHeaders?.['Content-Security-Policy'];
      },
    );
    if (!Array.isArray(policy) || policy[0] === undefined) {
      throw new Error('no Content-Security-Policy header was set');
    }
    return policy[0];
  }

  test('session policy equals the bridge policy', () => {
    expect(sessionPolicy()).toBe(CONTENT_SECURITY_POLICY);
  });

  test('session keeps other response headers', () => {
    let headers: Record<string, string | string[]> | undefined;
    fake.headersListener?.(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      response => {
        headers = response.responseHeaders;
      },
    );
    expect(headers?.['Content-Type']).toEqual(['text/html']);
  });

  test('scripts only from the app itself', () => {
    const directives = new Map(
      sessionPolicy()
        .split(';')
        .map(part => part.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(sessionPolicy()).not.toContain("'unsafe-eval'");
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });

  test('renderer files carry the policy', async () => {
    serveRenderer('/app/out/renderer');
    const handler = fake.protocolHandler;
    if (handler === null) throw new Error('no protocol handler registered');

    const response = await handler(new Request(APP_PAGE_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(
      CONTENT_SECURITY_POLICY,
    );
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Content-Type')).toBe('text/html');
    expect(fake.fetched.at(-1)).toBe('file:///app/out/renderer/index.html');
  });

  test('renderer scheme rejects other hosts', async () => {
    const handler = fake.protocolHandler;
    if (handler === null) throw new Error('no protocol handler registered');
    const response = await handler(new Request('app://elsewhere/index.html'));
    expect(response.status).toBe(404);
  });
});

describe('renderer file lookup', () => {
  const root = '/app/out/renderer';

  test.each([
    ['app://renderer/index.html', '/app/out/renderer/index.html'],
    ['app://renderer/', '/app/out/renderer/index.html'],
    ['app://renderer/assets/index.js', '/app/out/renderer/assets/index.js'],
    ['app://renderer/assets/a%20b.css', '/app/out/renderer/assets/a b.css'],
    // The URL parser resolves dot segments before the lookup runs.
    ['app://renderer/../secret.txt', '/app/out/renderer/secret.txt'],
    ['app://renderer/%2e%2e/etc/passwd', '/app/out/renderer/etc/passwd'],
  ])('%s maps to %s', (url, file) => {
    expect(resolveRendererFile(root, url)).toBe(file);
  });

  test.each([
    'app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://renderer/..%2f..%2fsecret',
    'app://renderer/%E0%A4%A',
    'app://other/index.html',
    'file:///app/out/renderer/index.html',
  ])('%s is rejected', url => {
    expect(resolveRendererFile(root, url)).toBeNull();
  });
});

describe('navigation guards', () => {
  test('navigation to another origin is prevented', () => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://elsewhere/index.html',
      'app://renderer/other.html',
    ]) {
      const event = navigationEvent();
      listener('will-navigate')(event, url);
      expect(event.preventDefault, url).toHaveBeenCalledTimes(1);
    }
  });

  test('navigation within the page is allowed', () => {
    const event = navigationEvent();
    listener('will-navigate')(event, `${APP_PAGE_URL}#integrations`);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  test('webviews are never attached', () => {
    const event = navigationEvent();
    listener('will-attach-webview')(event, {}, {});
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  test('window.open is always denied', () => {
    for (const url of [
      'https://help.example/',
      'file:///etc/passwd',
      APP_PAGE_URL,
    ]) {
      expect(fake.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  test('http(s) links open in the browser', () => {
    fake.openHandler?.({ url: 'https://help.example/page' });
    fake.openHandler?.({ url: 'http://help.example/' });
    expect(fake.openExternal).toHaveBeenCalledTimes(2);
    expect(fake.openExternal).toHaveBeenNthCalledWith(
      1,
      'https://help.example/page',
    );
    expect(fake.openExternal).toHaveBeenNthCalledWith(
      2,
      'http://help.example/',
    );
  });

  test('other schemes never reach openExternal', () => {
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'smb://host/share',
      'javascript:alert(1)',
      'ms-settings:privacy',
      'not a url',
    ]) {
      fake.openHandler?.({ url });
    }
    expect(fake.openExternal).not.toHaveBeenCalled();
  });
});

describe('permissions', () => {
  test('every permission request is denied', () => {
    for (const permission of ['media', 'notifications', 'geolocation']) {
      const callback = vi.fn();
      fake.permissionHandler?.({}, permission, callback, {
        requestingUrl: APP_PAGE_URL,
      });
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
  });

  test('every permission check is denied', () => {
    expect(fake.permissionCheckHandler?.()).toBe(false);
  });
});

describe('url helpers', () => {
  test('isWebUrl accepts only http(s)', () => {
    expect(isWebUrl('https://a.example/')).toBe(true);
    expect(isWebUrl('http://a.example/')).toBe(true);
    expect(isWebUrl('file:///x')).toBe(false);
    expect(isWebUrl('mailto:a@example.com')).toBe(false);
    expect(isWebUrl('')).toBe(false);
  });

  test('isSamePage compares scheme, host and path', () => {
    expect(isSamePage(`${APP_PAGE_URL}?x=1`, APP_PAGE_URL)).toBe(true);
    expect(isSamePage('foo://renderer/index.html', APP_PAGE_URL)).toBe(false);
    expect(isSamePage('app://renderer/index.htm', APP_PAGE_URL)).toBe(false);
    expect(isSamePage('::', APP_PAGE_URL)).toBe(false);
  });
});
