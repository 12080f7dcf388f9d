"use client";

import type { PeerCertificateInfo } from "@/lib/mail/net/net-error";

/**
 * Lets a person trust one specific certificate (their own server's self-signed one). The
 * submit button carries the fingerprint, so the server pins exactly what was shown here.
 */
export function CertificateChoice({
  certificate,
  disabled,
}: {
  certificate: PeerCertificateInfo;
  disabled: boolean;
}) {
  return (
    <div className="mt-3 space-y-2">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 font-mono text-xs">
        <dt>Subject</dt>
        <dd className="break-all">{certificate.subject}</dd>
        <dt>Issuer</dt>
        <dd className="break-all">{certificate.issuer}</dd>
        <dt>Valid until</dt>
        <dd>{certificate.validTo}</dd>
        <dt>SHA-256</dt>
        <dd className="break-all">{certificate.fingerprint256}</dd>
      </dl>
      <button
        type="submit"
        name="trustFingerprint"
        value={certificate.fingerprint256}
        disabled={disabled}
        className="rounded-md border border-red-400 px-3 py-1 text-sm font-medium hover:bg-red-100 dark:hover:bg-red-900"
      >
        Trust this certificate and sign in
      </button>
    </div>
  );
}
