// What an Ant Design Pro user sees for every route of the demo BFF, played with the front ends' own
// request libraries: axios with umi 4's request plugin and Pro 5's requestErrorConfig, and
// umi-request with umi 3's @umijs/plugin-request. The UI calls (message, notification, history)
// are recorded instead of drawn; useRequest's data is what its default formatResult gives
// (res => res?.data). Run by the demo's FrontEndLibrariesTest: PRO_URL is the BFF numbered for
// Pro (front-end: pro), UMI3_URL the same BFF numbered for umi 3 (front-end: umi3).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import axios from 'axios';

const require = createRequire(import.meta.url);
const { extend } = require('umi-request');

const SAFE_TIMEOUT = 'The upstream service did not answer in time, please retry.';

/** A browser's cookie jar: what the BFF set (its session cookie), sent back on every request. */
class CookieJar {
  cookies = new Map();

  save(setCookies) {
    for (const header of setCookies ?? []) {
      const [pair] = header.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** antd's message / notification / history, recorded. */
function recordingUi() {
  const shown = [];
  return {
    shown,
    message: {
      warning: (text) => shown.push({ ui: 'message.warning', text }),
      warn: (text) => shown.push({ ui: 'message.warn', text }),
      error: (text) => shown.push({ ui: 'message.error', text }),
    },
    notification: { open: (args) => shown.push({ ui: 'notification.open', ...args }) },
    history: { push: (to) => shown.push({ ui: 'history.push', to }) },
    location: { assign: (href) => shown.push({ ui: 'location.href', href }) },
  };
}

/** Pro 5 on umi 4: axios, the plugin's errorThrower hook, and Pro's src/requestErrorConfig.ts as shipped. */
function pro5(baseURL) {
  const ui = recordingUi();
  const jar = new CookieJar();
  const ErrorShowType = { SILENT: 0, WARN_MESSAGE: 1, ERROR_MESSAGE: 2, NOTIFICATION: 3, REDIRECT: 9 };
  const errorConfig = {
    errorThrower: (res) => {
      const { success, data, errorCode, errorMessage, showType } = res;
      if (!success) {
        const error = new Error(errorMessage);
        error.name = 'BizError';
        error.info = { errorCode, errorMessage, showType, data };
        throw error;
      }
    },
    errorHandler: (error, opts) => {
      if (opts?.skipErrorHandler) throw error;
      if (error.name === 'BizError') {
        const errorInfo = error.info;
        if (errorInfo) {
          const { errorMessage, errorCode } = errorInfo;
          switch (errorInfo.showType) {
            case ErrorShowType.SILENT:
              break;
            case ErrorShowType.WARN_MESSAGE:
              ui.message.warning(errorMessage);
              break;
            case ErrorShowType.ERROR_MESSAGE:
              ui.message.error(errorMessage);
              break;
            case ErrorShowType.NOTIFICATION:
              ui.notification.open({ description: errorMessage, message: errorCode });
              break;
            case ErrorShowType.REDIRECT:
              ui.location.assign('/user/login');
              break;
            default:
              ui.message.error(errorMessage);
          }
        }
      } else if (error.response) {
        ui.message.error(`Response status:${error.response.status}`);
      } else if (error.request) {
        ui.message.error('None response! Please retry.');
      } else {
        ui.message.error('Request error, please retry.');
      }
    },
  };
  const instance = axios.create({ baseURL });
  instance.interceptors.request.use((config) => {
    if (jar.cookies.size) config.headers.Cookie = jar.header();
    return config;
  });
  instance.interceptors.response.use((response) => {
    jar.save(response.headers['set-cookie']);
    return response;
  }, (error) => {
    jar.save(error.response?.headers?.['set-cookie']);
    return Promise.reject(error);
  });
  // umi 4's request plugin: after the configured interceptors, success === false goes to errorThrower
  instance.interceptors.response.use((response) => {
    const { data } = response;
    if (data?.success === false && errorConfig.errorThrower) errorConfig.errorThrower(data);
    return response;
  });
  const request = (url, opts = {}) => new Promise((resolve, reject) => {
    instance.request({ url, method: 'GET', ...opts }).then((res) => resolve(opts.getResponse ? res : res.data)).catch((error) => {
      try {
        errorConfig.errorHandler(error, opts);
      }
      catch (e) {
        reject(e);
      }
      reject(error);
    });
  });
  return { ui, jar, request };
}

/** umi 3: umi-request with @umijs/plugin-request's success check and default errorHandler. */
function umi3(prefix) {
  const ui = recordingUi();
  const jar = new CookieJar();
  const adaptor = (resData) => resData;
  const errorPage = '/exception';
  const request = extend({
    prefix,
    errorHandler: (error) => {
      if (error?.request?.options?.skipErrorHandler) throw error;
      let errorInfo;
      if (error.name === 'ResponseError' && error.data && error.request) {
        errorInfo = adaptor(error.data, { req: error.request, res: error.response });
        error.message = errorInfo?.errorMessage || error.message;
        error.info = errorInfo;
      }
      errorInfo = error.info;
      if (errorInfo) {
        const { errorMessage, errorCode } = errorInfo;
        switch (errorInfo.showType) {
          case 0:
            break;
          case 1:
            ui.message.warn(errorMessage);
            break;
          case 2:
            ui.message.error(errorMessage);
            break;
          case 4:
            ui.notification.open({ message: errorCode, description: errorMessage });
            break;
          case 9:
            ui.history.push({ pathname: errorPage, query: { errorCode, errorMessage } });
            break;
          default:
            ui.message.error(errorMessage);
        }
      }
      else {
        ui.message.error(error.message || 'Request error, please retry.');
      }
      throw error;
    },
  });
  request.interceptors.request.use((url, options) => ({
    url,
    options: jar.cookies.size ? { ...options, headers: { ...options.headers, Cookie: jar.header() } } : options,
  }), { global: false });
  request.interceptors.response.use((response) => {
    // getSetCookie() where fetch has it; the BFF sets one cookie, so get() is enough elsewhere
    jar.save(response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie')].filter(Boolean));
    return response;
  }, { global: false });
  // the plugin's success check: outermost middleware, reads what the adaptor makes of the body
  request.use(async (ctx, next) => {
    await next();
    const { req, res } = ctx;
    if (req.options?.skipErrorHandler) return;
    const resData = req.options.getResponse ? res.data : res;
    const errorInfo = adaptor(resData, ctx);
    if (errorInfo.success === false) {
      const error = new Error(errorInfo.errorMessage);
      error.name = 'BizError';
      error.data = resData;
      error.info = errorInfo;
      throw error;
    }
  });
  return { ui, jar, request: (url, opts = {}) => request(url, { method: 'get', ...opts }) };
}

/** What useRequest gives the component: formatResult res => res?.data, or the error. */
async function useRequest(frontEnd, url, opts) {
  frontEnd.ui.shown.length = 0;
  try {
    const res = await frontEnd.request(url, opts);
    return { data: res?.data, shown: [...frontEnd.ui.shown] };
  }
  catch (error) {
    return { error, data: undefined, shown: [...frontEnd.ui.shown] };
  }
}

const json = (body) => ({ method: 'POST', data: body, headers: { 'Content-Type': 'application/json' } });

/** Every demo route that useRequest calls (/api/ticks is an event stream, not a request), and what each front end must show for it. */
function routes(numbering) {
  const redirect = numbering === 'pro' ? [{ ui: 'location.href', href: '/user/login' }]
    : [{ ui: 'history.push', to: { pathname: '/exception', query: { errorCode: 'NOT_LOGGED_IN', errorMessage: '请先登录' } } }];
  const notification = numbering === 'pro'
    ? [{ ui: 'notification.open', description: '系统将于今晚 22:00 维护，请提前保存', message: 'MAINTENANCE' }]
    : [{ ui: 'notification.open', message: 'MAINTENANCE', description: '系统将于今晚 22:00 维护，请提前保存' }];
  const user = numbering === 'pro' ? 'nora' : 'uma';
  return [
    ['a user', '/api/users/1', {}, { id: 1, name: 'Ann', email: 'ann@example.com' }, []],
    ['a page', '/api/users?current=2', {}, { list: [{ id: 3, name: 'Cy', email: 'cy@example.com' }], current: 2, pageSize: 2, total: 3 }, []],
    ['a business error', '/api/users/9', {}, undefined, [{ ui: 'message.error', text: '用户不存在: 9' }]],
    ['orders before login: the login redirect', '/api/orders', {}, undefined, redirect],
    ['the profile before login: the login redirect', '/api/profile', {}, undefined, redirect],
    ['login', '/api/login', json({ user }), { user }, []],
    ['orders after login', '/api/orders', {}, [{ id: 1001, owner: user }], []],
    ['the profile, its token refreshed by the BFF', '/api/profile', {}, { name: user }, []],
    ['an upstream notification', '/api/announcements', {}, undefined, notification],
    ['a timeout', '/api/slow', {}, undefined, [{ ui: 'message.error', text: SAFE_TIMEOUT }]],
    ['a cancelled upstream call', '/api/cancel', {}, (data) => assert.equal(data.cancelled, true), []],
    ['an upload', '/api/upload', { method: 'POST' }, (data) => assert.deepEqual(data.map((part) => part.name).sort(), ['age', 'file1', 'file2', 'name']), []],
    ['a download', '/api/download', {}, (data) => assert.equal(data.bytes, 5 * 1024 * 1024), []],
    ['the cached catalog', '/api/catalog', {}, (data) => assert.deepEqual(data.items, ['keyboard', 'mouse', 'monitor']), []],
    ['a user through an @HttpExchange interface', '/api/interface/users/1', {}, { id: 1, name: 'Ann', email: 'ann@example.com' }, []],
    ['a load-balanced call', '/api/inventory', {}, (data) => assert.deepEqual(data.items, ['tea', 'coffee']), []],
    ['a call retried after a 503', '/api/flaky', {}, (data) => assert.match(data.instance, /^inventory-[12]$/), []],
    ['an unknown route', '/api/nope', {}, undefined, [{ ui: 'message.error', text: 'No static resource api/nope.' }]],
    ['a malformed body (Spring\'s 400)', '/api/login', { method: 'POST', data: '{bad', headers: { 'Content-Type': 'application/json' } }, undefined,
      [{ ui: 'message.error', text: 'Failed to read HTTP message' }]],
  ];
}

function play(name, url, make, numbering) {
  describe(name, { skip: url ? false : `${numbering} BFF address not given` }, () => {
    const browser = url ? make(url) : null;
    for (const [what, path, opts, data, shown] of routes(numbering)) {
      it(`${what}: ${path}`, async () => {
        const result = await useRequest(browser, path, opts);
        assert.deepEqual(result.shown, shown, `what ${name} shows for ${path}`);
        if (typeof data === 'function') {
          assert.ok(result.data !== undefined, `useRequest gets data for ${path}`);
          data(result.data);
        }
        else {
          assert.deepEqual(result.data, data, `useRequest's data for ${path}`);
        }
        if (shown.length) {
          assert.ok(result.error, `the request of ${path} rejects`);
        }
      });
    }
    it('a second browser is not logged in by the first one', async () => {
      const other = make(url);
      const orders = await useRequest(other, '/api/orders');
      assert.equal(orders.data, undefined);
      assert.deepEqual(orders.shown, routes(numbering)[3][4]);
      const profile = await useRequest(other, '/api/profile');
      assert.equal(profile.data, undefined);
      assert.deepEqual(profile.shown, routes(numbering)[3][4]);
    });
  });
}

play('Ant Design Pro 5 (umi 4, axios)', process.env.PRO_URL, pro5, 'pro');
play('umi 3 (@umijs/plugin-request, umi-request)', process.env.UMI3_URL, umi3, 'umi3');
