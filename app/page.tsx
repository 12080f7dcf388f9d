import { redirect } from "next/navigation";
import { currentSession } from "@/lib/server/auth/current-session";

export default async function Home() {
  redirect((await currentSession()) ? "/mail" : "/login");
}
