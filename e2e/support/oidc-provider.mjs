#!/usr/bin/env node
// A real OpenID Connect provider (node-oidc-provider) for the single sign-on end-to-end test.
// Its development login form accepts any login with any password; the login decides the claims:
// a login containing "admin" is in group "sitrep-admins", one containing "oncall" in "oncall".
// Usage: node e2e/support/oidc-provider.mjs   (OIDC_TEST_PORT, default 3190; APP_PORT, default 3100)
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_TEST_PORT ?? 3190);
const appPort = Number(process.env.APP_PORT ?? 3100);
const issuer = `http://127.0.0.1:${port}`;

function groupsFor(login) {
  if (login.includes("admin")) return ["sitrep-admins"];
  if (login.includes("oncall")) return ["oncall", "staff"];
  return ["staff"];
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "sitrep-e2e",
      client_secret: "sitrep-e2e-client-secret",
      redirect_uris: [`http://127.0.0.1:${appPort}/api/auth/callback/oidc`, `http://localhost:${appPort}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username", "groups"] },
  // Put the scopes' claims in the ID token, where Auth.js reads the profile from.
  conformIdTokenClaims: false,
  cookies: { keys: ["sitrep-e2e-oidc-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@oidc.test`, email_verified: true, name: `SSO ${id}`, preferred_username: id, groups: groupsFor(id) };
      },
    };
  },
});
provider.proxy = false;

const server = provider.listen(port, "127.0.0.1", () => console.log(`oidc provider ready at ${issuer}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.stdin.on("end", stop);
process.stdin.resume();
