import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getEnv, requireServerEnv } from "@/lib/env";
import { signInSchema } from "@/lib/auth/schemas";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { syncOidcUser } from "@/lib/auth/oidc";
import { clientIp } from "@/lib/auth/client-ip";
import { liveSessionVersion, revokeSessions } from "@/lib/auth/revoke";

// The code travels in the redirect URL: it must say what happened without leaking secrets.
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

function providers(): NextAuthConfig["providers"] {
  const env = getEnv();
  const list: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new SignInRefused("invalid");
        const result = await signInWithPassword(parsed.data.email, parsed.data.password, clientIp(request.headers));
        if (result.ok) return result.user;
        throw new SignInRefused(result.reason === "locked" ? `locked-${result.retryAfterMinutes}` : result.reason);
      },
    }),
  ];
  if (env.oidcEnabled) {
    list.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      authorization: { params: { scope: env.AUTH_OIDC_SCOPE } },
    });
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = requireServerEnv(getEnv());
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 24 * 60 * 60, updateAge: 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    logger: {
      error(error) {
        // A garbage, tampered or old-secret cookie is answered as "not signed in"; one line will do.
        if (error.name === "JWTSessionError") return console.warn("[auth] ignored an invalid session cookie");
        console.error("[auth]", error);
      },
    },
    providers: providers(),
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (typeof token?.uid === "string" && typeof token.sv === "number") await revokeSessions(token.uid, token.sv);
      },
    },
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== "oidc") return true;
        const synced = await syncOidcUser((profile ?? {}) as Record<string, unknown>);
        if (!synced) return "/login?error=AccessDenied";
        user.id = synced.id;
        user.sv = synced.sv;
        return true;
      },
      async jwt({ token, user }) {
        // Only the user id and session version live in the token; role, active state and the
        // current version are read from the database on every request (lib/auth/session.ts),
        // so a role change or deactivation applies at once and a revoked session stays revoked.
        if (user?.id) {
          token.uid = user.id;
          token.sv = user.sv ?? 0;
          // When this sign-in happened (iat moves on every refresh): approvals by SSO users
          // require a recent one (lib/actions/confirm.ts).
          token.authAt = Date.now();
          return token;
        }
        // A signed-out, deactivated or reset session is not renewed: null clears the cookie.
        if (typeof token.uid === "string" && (await liveSessionVersion(token.uid)) !== token.sv) return null;
        return token;
      },
      async session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        session.sv = typeof token.sv === "number" ? token.sv : -1;
        session.authAt = typeof token.authAt === "number" ? token.authAt : 0;
        return session;
      },
    },
  };
});
