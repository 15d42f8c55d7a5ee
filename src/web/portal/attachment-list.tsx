/** @module The 附件 of a published item as its public page lists them: each a download with its type and size. */
import type { PublicItem } from '../../catalogue/index.js';
import { ATTACHMENT_TYPES, sizeLabel } from '../../domain/catalogue/attachment.js';

export function AttachmentList({ item }: { item: PublicItem }) {
  const { attachments } = item.state;
  if (attachments.length === 0) return null;
  return (
    <section aria-labelledby="attachments-heading" class="attachments">
      <h2 id="attachments-heading">附件</h2>
      <ol>
        {attachments.map((a) => (
          <li>
            <a
              href={`/catalogue/${encodeURIComponent(item.id)}/attachments/${encodeURIComponent(a.id)}`}
              download={a.name}
            >
              {a.name}
            </a>
            <span class="file-facts">
              （{ATTACHMENT_TYPES[a.type].label}，{sizeLabel(a.size)}）
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
