/**
 * @module `/rules`: an agency's 政府信息公开制度 (portal.md §2) — the rule documents of its latest
 * version, in the office's order, each with its 文号, 成文日期, what the Regulation asks it answers and
 * its text or summary; a link to the item in the agency's 目录 while that item is published.
 */
import type { PublicRules } from '../../catalogue/index.js';
import { paragraphsOf } from '../../domain/portal/guide.js';
import { RULE_TOPIC_LABELS } from '../../domain/portal/rules.js';
import type { ReceivingAgency } from '../../ledger/index.js';
import { OtherAgencies } from './column-pages.js';
import { PortalPage } from './portal-frame.js';

export function RulesPage(props: { rules: PublicRules; others: readonly ReceivingAgency[] }) {
  const current = props.rules.current;
  return (
    <PortalPage title={`${props.rules.agency.name}政府信息公开制度`} current="/rules">
      {!current ? (
        <p>本机关尚未发布政府信息公开制度。</p>
      ) : (
        <>
          <p class="hint">
            第 {current.version} 版，{current.publishedOn} 发布，共 {current.rules.documents.length} 项
          </p>
          <ol class="rules">
            {current.rules.documents.map((doc) => (
              <li>
                <h2>
                  {doc.itemId !== undefined && props.rules.linked.has(doc.itemId) ? (
                    <a href={`/catalogue/${encodeURIComponent(doc.itemId)}`}>{doc.name}</a>
                  ) : (
                    doc.name
                  )}
                </h2>
                <p class="hint">
                  {doc.docNumber && <span>{doc.docNumber}　</span>}
                  <span>成文日期：{doc.issuedOn}</span>
                  {doc.covers.length > 0 && (
                    <span>　涉及：{doc.covers.map((t) => RULE_TOPIC_LABELS[t]).join('；')}</span>
                  )}
                </p>
                {paragraphsOf(doc.summary).map((p) => (
                  <p>{p}</p>
                ))}
              </li>
            ))}
          </ol>
        </>
      )}
      <OtherAgencies path="/rules" what="制度" shown={props.rules.agency.id} agencies={props.others} />
    </PortalPage>
  );
}
