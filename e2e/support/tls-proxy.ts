/**
 * A TLS front for a plain port of the stack, with a certificate nobody trusts: the way a
 * small self-hosted server looks to Letterbox. Used to prove the "trust this certificate"
 * path (pinning) end to end.
 */
import net from "node:net";
import tls from "node:tls";
import { selfSignedCertificate } from "../../lib/mail/testing/scripted-server.ts";

export interface TlsProxy {
  port: number;
  fingerprint: string;
  close(): Promise<void>;
}

export async function tlsProxy(targetPort: number): Promise<TlsProxy> {
  const certificate = selfSignedCertificate("self-hosted.example.test");
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: certificate.key, cert: certificate.cert }, (client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { X509Certificate } = await import("node:crypto");
  return {
    port: (server.address() as net.AddressInfo).port,
    fingerprint: new X509Certificate(certificate.cert).fingerprint256,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
