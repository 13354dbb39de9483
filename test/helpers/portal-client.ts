/**
 * A small HTTP client for portal tests: keeps cookies like a browser (path /portal), reads the CSRF token
 * from a page's form, never follows redirects (tests look at them).
 */
export interface PortalResponse {
  status: number;
  location?: string;
  body: string;
  headers: Headers;
  setCookies: string[];
}

export function createPortalClient(base: string) {
  const jar = new Map<string, string>();

  function remember(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair] = line.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (!pair || at < 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  }

  async function request(method: "GET" | "POST", path: string, form?: Record<string, string>) {
    const headers: Record<string, string> = {};
    if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      redirect: "manual",
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const setCookies = response.headers.getSetCookie();
    remember(setCookies);
    const location = response.headers.get("location") ?? undefined;
    return {
      status: response.status,
      ...(location ? { location } : {}),
      body: await response.text(),
      headers: response.headers,
      setCookies,
    } satisfies PortalResponse;
  }

  return {
    jar,
    get: (path: string) => request("GET", path),
    post: (path: string, form: Record<string, string>) => request("POST", path, form),
    /** The CSRF token in a page's forms. */
    csrfIn: (page: PortalResponse) => /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "",
    /** Opens a sign-in link and presses its button; returns the answer to the POST. */
    async signInWith(token: string) {
      const page = await request("GET", `/portal/link/${token}`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      return await request("POST", "/portal/link", { _csrf: csrf, token });
    },
  };
}

export type PortalClient = ReturnType<typeof createPortalClient>;
