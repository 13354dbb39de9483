/** What a portal session holds (module augmentation of @fastify/session). */
declare module "fastify" {
  interface Session {
    /** JSON of the signed-in Principal (src/services/portal/principal.ts). */
    principal?: string;
    /** The name shown in the page header. */
    name?: string;
  }
}

export {};
