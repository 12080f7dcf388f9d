import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login/login-form";
import { providerDefaults } from "@/lib/server/accounts/server-settings";
import { currentSession } from "@/lib/server/auth/current-session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await currentSession()) redirect("/mail");
  // The demo (npm run demo) pre-fills its own mailbox so a newcomer sees mail in one click.
  const prefill = {
    email: process.env.LETTERBOX_PREFILL_EMAIL,
    password: process.env.LETTERBOX_PREFILL_PASSWORD,
  };
  return (
    <main className="flex min-h-full items-center justify-center bg-zinc-50 p-4 dark:bg-zinc-900">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Letterbox</h1>
        <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          Sign in with your email account. Your password goes only to your mail server.
        </p>
        <LoginForm defaults={providerDefaults()} prefill={prefill} />
      </div>
    </main>
  );
}
