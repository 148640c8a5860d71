// The signed-in user: the token lives in this tab's sessionStorage only (closing the tab signs out).
const KEY = 'govgraph-console:token';
const listeners = new Set();
let viewer = null;

export const session = {
  token: () => sessionStorage.getItem(KEY),
  viewer: () => viewer,
  signIn(token, me) {
    sessionStorage.setItem(KEY, token);
    viewer = me;
    listeners.forEach((fn) => fn('signin'));
  },
  setViewer(me) { viewer = me; },
  signOut(reason) {
    sessionStorage.removeItem(KEY);
    viewer = null;
    listeners.forEach((fn) => fn('signout', reason));
  },
  /** The gateway refused the token (expired, forged …): back to the sign-in page, saying why. */
  expired(err) {
    if (sessionStorage.getItem(KEY)) this.signOut(err);
  },
  onChange(fn) { listeners.add(fn); },
};
