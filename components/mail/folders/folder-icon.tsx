import {
  ArchiveIcon,
  DraftsIcon,
  FolderIcon,
  InboxIcon,
  JunkIcon,
  SentIcon,
  StarIcon,
  TrashIcon,
} from "@/components/ui/icons";
import type { SpecialUse } from "@/lib/view-models/mailbox";

export function FolderIconFor({ use }: { use: SpecialUse | null }) {
  const props = { className: "size-4 shrink-0" };
  switch (use) {
    case "inbox":
      return <InboxIcon {...props} />;
    case "drafts":
      return <DraftsIcon {...props} />;
    case "sent":
      return <SentIcon {...props} />;
    case "archive":
      return <ArchiveIcon {...props} />;
    case "junk":
      return <JunkIcon {...props} />;
    case "trash":
      return <TrashIcon {...props} />;
    case "flagged":
      return <StarIcon {...props} />;
    default:
      return <FolderIcon {...props} />;
  }
}
