/**
 * One TCP connection to a mail server, plain or TLS, with STARTTLS upgrade in place.
 * Reads go through a ByteReader (lines and exact byte counts); every read and write is bounded
 * by a timeout; every failure is a NetError with a stable code. Protocol clients sit on top.
 */
import net from "node:net";
import tls from "node:tls";
import { MailError } from "../errors.ts";
import { type AddressCheck, checkConnected, checkedLookup, checkLiteral } from "./address-check.ts";
import { ByteReader } from "./byte-reader.ts";
import { classifySocketError, NetError } from "./net-error.ts";
import { type TlsPolicy, verifyPeer } from "./tls-options.ts";
import { describeBytes, redactLine, type TranscriptSink } from "./transcript.ts";

export interface ConnectOptions {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (IMAPS 993, POP3S 995, SMTPS 465). */
  tls: boolean;
  tlsPolicy?: TlsPolicy;
  /** How long the TCP (and TLS) handshake may take. Default 15 s. */
  connectTimeoutMs?: number;
  /** How long one read may wait for the server. Default 60 s; IMAP IDLE passes its own. */
  readTimeoutMs?: number;
  /** Longest line accepted from the server, in bytes. Default 1 MiB. */
  maxLineLength?: number;
  transcript?: TranscriptSink;
  /**
   * Vetoes addresses before anything is sent to them: applied to the addresses the host name
   * resolves to (or to the IP literal), so a name cannot lead where its address may not.
   * A refusal is a NetError with code ADDRESS_REFUSED.
   */
  addressCheck?: AddressCheck;
}

export interface WriteOptions {
  /** Carries a credential: the transcript shows this text instead of the bytes. */
  transcriptAs?: string;
}

export interface ReadOptions {
  timeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT = 15_000;
const DEFAULT_READ_TIMEOUT = 60_000;
const DEFAULT_MAX_LINE = 1 << 20;

export class MailSocket {
  readonly host: string;
  readonly port: number;
  private socket: net.Socket;
  private reader: ByteReader;
  private closedError: NetError | null = null;
  private readonly readTimeoutMs: number;
  readonly maxLineLength: number;
  private readonly transcript?: TranscriptSink;
  private readonly closeListeners = new Set<(error: NetError) => void>();

  private constructor(socket: net.Socket, options: ConnectOptions) {
    this.host = options.host;
    this.port = options.port;
    this.socket = socket;
    this.readTimeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT;
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE;
    this.transcript = options.transcript;
    this.reader = this.attach(socket);
  }

  static async connect(options: ConnectOptions): Promise<MailSocket> {
    const socket = await openSocket(options);
    return new MailSocket(socket, options);
  }

  get secure(): boolean {
    return this.socket instanceof tls.TLSSocket;
  }

  get closed(): boolean {
    return this.closedError !== null;
  }

  /** The error the connection ended with, if it has ended. */
  get closeReason(): NetError | null {
    return this.closedError;
  }

  /** Called once when the connection ends for any reason (server close, error, timeout). */
  onClose(listener: (error: NetError) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async readLine(options: ReadOptions = {}): Promise<Buffer> {
    const line = await this.timed(this.reader.readLine(this.maxLineLength), options);
    this.transcript?.("S", line.toString("utf8"));
    return line;
  }

  async readExact(count: number, options: ReadOptions = {}): Promise<Buffer> {
    const bytes = await this.timed(this.reader.readExact(count), options);
    this.transcript?.("S", describeBytes(bytes));
    return bytes;
  }

  /** Stream `count` bytes into `sink` without holding them; the timeout applies per chunk wait. */
  async readExactTo(
    count: number,
    sink: (chunk: Buffer) => void | Promise<void>,
    options: ReadOptions = {},
  ): Promise<void> {
    const timeoutMs = options.timeoutMs ?? this.readTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.fail(this.timeoutError(timeoutMs)), timeoutMs);
    };
    arm();
    try {
      await this.reader.readExactTo(count, async (chunk) => {
        arm();
        await sink(chunk);
      });
    } finally {
      clearTimeout(timer);
    }
    this.transcript?.("S", `[${count} bytes streamed]`);
  }

  /** Write bytes, waiting for the kernel buffer to drain (backpressure for large bodies). */
  async write(data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
    if (this.closedError) throw this.closedError;
    if (this.transcript) {
      const text =
        options.transcriptAs ??
        (typeof data === "string" ? redactLine(data.replace(/\r\n$/, "")) : describeBytes(data));
      this.transcript("C", text);
    }
    const ok = this.socket.write(data);
    if (!ok) await this.waitForDrain();
  }

  /**
   * Upgrade this connection to TLS (STARTTLS / STLS), after the server said go ahead.
   * Anything the server sent after its go-ahead and before the handshake was injected by a
   * man in the middle (CVE-2011-0411 class): it is refused, not read as the TLS session's data.
   */
  async upgradeToTls(policy: TlsPolicy = {}, timeoutMs = DEFAULT_CONNECT_TIMEOUT): Promise<void> {
    if (this.secure) throw new MailError("PROTOCOL", "The connection already uses TLS");
    const injected = this.reader.drain();
    if (injected.length > 0) {
      const error = new NetError(
        "STARTTLS_FAILED",
        `${this.host}:${this.port} sent data before the TLS handshake; refusing to continue`,
        { host: this.host, port: this.port, reason: "data injected before TLS" },
      );
      this.fail(error);
      throw error;
    }
    const plain = this.socket;
    plain.removeAllListeners("data");
    plain.removeAllListeners("end");
    plain.removeAllListeners("close");
    plain.removeAllListeners("error");
    try {
      const secure = await handshake(
        { host: this.host, port: this.port, tls: true, tlsPolicy: policy },
        plain,
        timeoutMs,
      );
      this.socket = secure;
      this.reader = this.attach(secure);
    } catch (err) {
      const error = classifySocketError(err, this.host, this.port);
      plain.destroy();
      this.fail(error);
      throw error;
    }
  }

  /** Close gracefully (FIN) and wait briefly; the protocol's own goodbye is the client's job. */
  async end(): Promise<void> {
    if (this.closedError) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      this.socket.end(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.destroy();
  }

  destroy(): void {
    this.fail(
      new NetError("CLOSED", "The connection was closed", { host: this.host, port: this.port }),
    );
  }

  private attach(socket: net.Socket): ByteReader {
    const reader = new ByteReader(1 << 20, {
      pause: () => socket.pause(),
      resume: () => socket.resume(),
    });
    socket.on("data", (chunk: Buffer) => reader.push(chunk));
    socket.on("error", (err) => this.fail(classifySocketError(err, this.host, this.port)));
    socket.on("end", () =>
      this.fail(
        new NetError("CLOSED", `${this.host}:${this.port} closed the connection`, {
          host: this.host,
          port: this.port,
        }),
      ),
    );
    socket.on("close", () =>
      this.fail(
        new NetError("CLOSED", `The connection to ${this.host}:${this.port} closed`, {
          host: this.host,
          port: this.port,
        }),
      ),
    );
    return reader;
  }

  private fail(error: NetError): void {
    if (this.closedError) return;
    this.closedError = error;
    this.reader.end(error);
    this.socket.destroy();
    for (const listener of this.closeListeners) listener(error);
    this.closeListeners.clear();
  }

  private timeoutError(ms: number): NetError {
    return new NetError("TIMEOUT", `${this.host}:${this.port} did not answer within ${ms} ms`, {
      host: this.host,
      port: this.port,
    });
  }

  /** A read that outlives its timeout ends the connection: the protocol state is unknown. */
  private async timed<T>(promise: Promise<T>, options: ReadOptions): Promise<T> {
    const ms = options.timeoutMs ?? this.readTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = this.timeoutError(ms);
        this.fail(error);
        reject(error);
      }, ms);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private waitForDrain(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        const error = this.timeoutError(this.readTimeoutMs);
        this.fail(error);
        reject(error);
      }, this.readTimeoutMs);
      const onDrain = () => {
        cleanup();
        resolve();
      };
      const onClose = (error: NetError) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.socket.off("drain", onDrain);
        this.closeListeners.delete(onClose);
      };
      this.socket.once("drain", onDrain);
      this.closeListeners.add(onClose);
    });
  }
}

/** Where a new connection goes: host and port, and the address check as a `lookup`. */
function target(options: ConnectOptions): net.TcpNetConnectOpts {
  const { host, port, addressCheck } = options;
  if (!addressCheck) return { host, port };
  checkLiteral(addressCheck, host, port);
  return { host, port, lookup: checkedLookup(addressCheck, port) };
}

/** Rejects with the refusal when the connected address fails the check; true if it did. */
function refusedAfterConnect(
  options: ConnectOptions,
  socket: net.Socket,
  reject: (error: NetError) => void,
): boolean {
  if (!options.addressCheck) return false;
  const refused = checkConnected(options.addressCheck, socket, options.host, options.port);
  if (!refused) return false;
  socket.destroy();
  reject(refused);
  return true;
}

async function openSocket(options: ConnectOptions): Promise<net.Socket> {
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT;
  const where = target(options);
  if (options.tls) return handshake(options, undefined, timeoutMs, where);
  return new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect(where);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new NetError("TIMEOUT", `Connecting to ${options.host}:${options.port} timed out`, {
          host: options.host,
          port: options.port,
        }),
      );
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      if (refusedAfterConnect(options, socket, reject)) return;
      socket.removeAllListeners("error");
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      reject(classifySocketError(err, options.host, options.port));
    });
  });
}

// Building a context from the whole system root store plus extra CAs costs 15-20 ms; the same
// CAs are used for every connection to a server, so each combination is built once.
const contexts = new Map<string, tls.SecureContext>();

function contextWithExtraCa(
  ca: NonNullable<TlsPolicy["ca"]>,
  minVersion: "TLSv1.2" | "TLSv1.3",
): tls.SecureContext {
  const extra = [ca].flat().map((c) => c.toString());
  const key = `${minVersion}\n${extra.join("\n")}`;
  let context = contexts.get(key);
  if (!context) {
    context = tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra], minVersion });
    if (contexts.size > 32) contexts.clear();
    contexts.set(key, context);
  }
  return context;
}

/**
 * TLS over a fresh connection to `where` or over an existing plain socket (STARTTLS, whose
 * address was checked when it connected).
 */
function handshake(
  options: ConnectOptions,
  existing: net.Socket | undefined,
  timeoutMs: number,
  where: net.TcpNetConnectOpts = { host: options.host, port: options.port },
): Promise<tls.TLSSocket> {
  const policy = options.tlsPolicy ?? {};
  const servername = policy.servername ?? options.host;
  return new Promise<tls.TLSSocket>((resolve, reject) => {
    const socket = tls.connect({
      ...(existing ? { socket: existing } : where),
      // SNI must not be an IP address (RFC 6066 section 3).
      servername: net.isIP(servername) ? undefined : servername,
      secureContext: policy.ca
        ? contextWithExtraCa(policy.ca, policy.minVersion ?? "TLSv1.2")
        : undefined,
      minVersion: policy.minVersion ?? "TLSv1.2",
      // Checked by verifyPeer below, so that the error can say why and show the certificate.
      rejectUnauthorized: false,
      checkServerIdentity: (_host, cert) => tls.checkServerIdentity(servername, cert),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new NetError("TIMEOUT", `TLS handshake with ${options.host}:${options.port} timed out`, {
          host: options.host,
          port: options.port,
        }),
      );
    }, timeoutMs);
    if (!existing) {
      socket.once("connect", () => {
        if (refusedAfterConnect(options, socket, reject)) clearTimeout(timer);
      });
    }
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      try {
        verifyPeer(socket, options.host, options.port, policy);
        socket.setNoDelay(true);
        resolve(socket);
      } catch (err) {
        socket.destroy();
        reject(err);
      }
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      reject(classifySocketError(err, options.host, options.port));
    });
  });
}
