import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Brand } from "@/components/shell/nav-links";
import { getCurrentUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { safeCallbackPath, signInErrorMessage } from "@/lib/auth/messages";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  if (await getCurrentUser()) redirect(callbackUrl);
  const env = getEnv();
  const code = typeof params.code === "string" ? params.code : typeof params.error === "string" ? params.error : null;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Brand />
        </div>
        <LoginForm
          callbackUrl={callbackUrl}
          initialError={code ? signInErrorMessage(code) : undefined}
          oidcName={env.oidcEnabled ? env.AUTH_OIDC_NAME : null}
        />
      </div>
    </main>
  );
}
