// What the examples share: the settings from the environment and an authenticated JSON call.
export const URL_ = process.env.SMARTOPS_URL ?? 'http://localhost:8080';
export const CAPABILITY = process.env.SMARTOPS_CAPABILITY ?? 'company-size-scoring';
export const ADMIN = { user: process.env.SMARTOPS_ADMIN_USER ?? 'demo', password: process.env.SMARTOPS_ADMIN_PASSWORD ?? 'demo' };
export const WORKER = { user: process.env.SMARTOPS_WORKER_USER ?? 'js-agent', password: process.env.SMARTOPS_WORKER_PASSWORD ?? '' };

export function basic({ user, password }) {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}

/** One JSON request to the server as the account; resolves to { status, body }. */
export async function call(method, path, body, account) {
  const response = await fetch(URL_ + path, {
    method,
    headers: { Authorization: basic(account), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Registers an agent, or finds the one registered before under the same name and version. */
export async function register(registration) {
  const { status, body } = await call('POST', '/smartops/api/agents', registration, ADMIN);
  if (status === 201) return body;
  if (status === 400 && JSON.stringify(body).includes('already registered')) {
    const agents = (await call('GET', '/smartops/api/agents', undefined, ADMIN)).body;
    return agents.find((a) => a.name === registration.name && a.version === registration.version);
  }
  throw new Error(`registration refused (${status}): ${JSON.stringify(body)}`);
}
