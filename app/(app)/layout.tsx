import { AppShell } from "@/components/shell/app-shell";
import { Providers } from "@/components/providers";
import { requirePageUser } from "@/lib/auth/session";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return (
    <Providers>
      <AppShell user={user}>{children}</AppShell>
    </Providers>
  );
}
