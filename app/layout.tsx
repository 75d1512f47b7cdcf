import type { Metadata } from "next";
import { headers } from "next/headers";
import localFont from "next/font/local";
import { Toaster } from "sonner";
import { ThemeScript } from "@/components/shell/theme-script";
import "./globals.css";

const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Sitrep", template: "%s · Sitrep" },
  description: "Incident response for on-call engineers",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The page's Content-Security-Policy nonce (proxy.ts): our one inline script needs it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={inter.variable} suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-screen font-sans antialiased">
        {children}
        <Toaster richColors closeButton position="bottom-right" />
      </body>
    </html>
  );
}
