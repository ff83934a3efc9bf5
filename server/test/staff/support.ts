/** Staff accounts and a cookie-keeping client for the staff pages' tests. */
import type { Db } from '../../src/store/db.js';
import { addStaffAccount, type StaffRole } from '../../src/store/staff-accounts.js';
import { hashPassword } from '../../src/staff/passwords.js';

export const PASSWORD = 'richtig-langes-passwort';

export async function addAccount(db: Db, email: string, role: StaffRole, locations: string[] = []): Promise<void> {
  await addStaffAccount(db, { email, role, locations, passwordHash: await hashPassword(PASSWORD) }, new Date());
}

/** A browser-like client: keeps cookies (by name), never follows redirects, reads the CSRF token from forms. */
export class StaffClient {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('Cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair.split('=');
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(fields) });
  }

  /** The CSRF token of the first form on `path`. */
  async csrf(path = '/staff/day'): Promise<string> {
    const page = await (await this.get(path)).text();
    const token = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error(`no CSRF token on ${path}`);
    return token;
  }

  async login(email: string, password = PASSWORD): Promise<Response> {
    const token = await this.csrf('/staff/login');
    return this.post('/staff/login', { csrf: token, email, password });
  }
}
