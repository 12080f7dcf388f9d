"use client";

import type { Ref } from "react";
import { SearchIcon } from "@/components/ui/icons";

interface Props {
  ref: Ref<HTMLInputElement>;
  query: string;
  folderName: string;
  onSearch: (value: string) => void;
}

/** The folder's search box; the words go into the URL (?q=), so a search can be reloaded. */
export function ListSearch({ ref, query, folderName, onSearch }: Props) {
  return (
    <search>
      <form
        className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800"
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(new FormData(e.currentTarget).get("q")?.toString().trim() ?? "");
        }}
      >
        <SearchIcon className="text-zinc-400" />
        <input
          ref={ref}
          name="q"
          type="search"
          defaultValue={query}
          key={query}
          aria-label={`Search in ${folderName}`}
          placeholder={`Search ${folderName}`}
          className="min-w-0 flex-1 bg-transparent text-sm outline-none"
        />
      </form>
    </search>
  );
}
