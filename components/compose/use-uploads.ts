"use client";

import { useCallback, useRef, useState } from "react";
import type { UploadView } from "@/lib/server/compose/compose-view";
import {
  attachmentCost,
  overBudgetMessage,
  type SizeBudget,
} from "@/lib/server/compose/size-budget";

export interface UploadItem {
  /** Stable key for React, before the server has given an id. */
  key: string;
  id: string | null;
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
  /** 0..1 while uploading. */
  progress: number;
  status: "uploading" | "done" | "failed";
  error: string | null;
}

interface Options {
  accountId: string;
  composeId: string;
  budget: SizeBudget;
  initial: UploadView[];
  /** Octets the rest of the message takes (headers, bodies): part of the budget. */
  bodyCost: () => number;
  onChange: () => void;
  onRefused: (message: string) => void;
}

let counter = 0;

function fromView(view: UploadView): UploadItem {
  return { key: view.id, ...view, progress: 1, status: "done", error: null };
}

/**
 * Files streamed to the server with XMLHttpRequest, whose upload events give the progress bar
 * (fetch has none). Each file is checked against the size budget before it starts: going over
 * is refused at once with the numbers, and the server checks again while it streams.
 */
export function useUploads(options: Options) {
  const [items, setItems] = useState<UploadItem[]>(() => options.initial.map(fromView));
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const requests = useRef(new Map<string, XMLHttpRequest>());
  const latest = useRef(options);
  latest.current = options;

  const update = useCallback((key: string, change: Partial<UploadItem>) => {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const used = useCallback(
    () =>
      itemsRef.current
        .filter((item) => item.status !== "failed")
        .reduce((sum, item) => sum + attachmentCost(item.size), latest.current.bodyCost()),
    [],
  );

  const uploadOne = useCallback(
    (file: File, inline: boolean): Promise<UploadView | null> => {
      const { accountId, composeId, budget, onRefused, onChange } = latest.current;
      const spent = used();
      if (spent + attachmentCost(file.size) > budget.limit) {
        onRefused(overBudgetMessage(file.name, file.size, spent, budget));
        return Promise.resolve(null);
      }
      const key = `upload-${++counter}`;
      const item: UploadItem = {
        key,
        id: null,
        filename: file.name,
        contentType: file.type || "application/octet-stream",
        size: file.size,
        inline,
        progress: 0,
        status: "uploading",
        error: null,
      };
      itemsRef.current = [...itemsRef.current, item];
      setItems(itemsRef.current);
      const query = new URLSearchParams({
        account: accountId,
        compose: composeId,
        name: file.name,
        inline: inline ? "1" : "0",
      });
      return new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        requests.current.set(key, xhr);
        xhr.open("POST", `/api/uploads?${query}`);
        xhr.setRequestHeader("content-type", item.contentType);
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable) update(key, { progress: event.loaded / event.total });
        };
        const fail = (message: string) => {
          update(key, { status: "failed", error: message });
          onRefused(`${file.name} was not attached: ${message}`);
          resolve(null);
        };
        xhr.onload = () => {
          requests.current.delete(key);
          let body: { error?: string } & Partial<UploadView> = {};
          try {
            body = JSON.parse(xhr.responseText);
          } catch {
            body = { error: xhr.responseText || `the server answered ${xhr.status}` };
          }
          if (xhr.status !== 201 || !body.id)
            return fail(body.error ?? `the server answered ${xhr.status}`);
          const view = body as UploadView;
          update(key, { id: view.id, size: view.size, progress: 1, status: "done" });
          onChange();
          resolve(view);
        };
        xhr.onerror = () => {
          requests.current.delete(key);
          fail("the connection to Letterbox was lost during the upload.");
        };
        xhr.onabort = () => {
          requests.current.delete(key);
          resolve(null);
        };
        xhr.send(file);
      });
    },
    [update, used],
  );

  const add = useCallback(
    async (files: File[], inline = false) => Promise.all(files.map((f) => uploadOne(f, inline))),
    [uploadOne],
  );

  const remove = useCallback((key: string) => {
    const item = itemsRef.current.find((i) => i.key === key);
    if (!item) return;
    requests.current.get(key)?.abort();
    if (item.id) void fetch(`/api/uploads/${item.id}`, { method: "DELETE" });
    itemsRef.current = itemsRef.current.filter((i) => i.key !== key);
    setItems(itemsRef.current);
    latest.current.onChange();
  }, []);

  /** Inline images become plain attachments (switching to plain text keeps them). */
  const detachInline = useCallback(() => {
    setItems((list) => list.map((item) => ({ ...item, inline: false })));
  }, []);

  return { items, add, remove, used, detachInline, itemsRef };
}
