/**
 * @module The 政府信息公开 column's own pages (issue 11; portal.md §2): `/`, the column's home — its
 * standard sub-columns (指南, 制度, 目录 as 法定主动公开内容, 年报) and 依申请公开, the newest items and, on a
 * site of many agencies, each agency's own column; `/guide`, an agency's 政府信息公开指南 with the items
 * 条例第十二条 requires (its 制度 is rules-page.tsx); `/sitemap`, every page of the site. hono/jsx
 * escapes every text.
 */
import type { ColumnCounts, PublicGuide } from '../../catalogue/index.js';
import { GUIDE_LABELS, paragraphsOf } from '../../domain/portal/guide.js';
import type { ReceivingAgency } from '../../ledger/index.js';
import type { StoredItem } from '../../storage/index.js';
import { PORTAL_NAV, PortalPage } from './portal-frame.js';
import { ColumnNav } from './portal-pages.js';

export const agencyLink = (path: string, a: { readonly id: number }) => `${path}?agency=${a.id}`;

export function HomePage(props: { agencies: readonly ReceivingAgency[]; latest: readonly StoredItem[] }) {
  const many = props.agencies.length > 1;
  return (
    <PortalPage title="政府信息公开" current="/">
      <ul class="columns">
        <li>
          <a href="/guide">政府信息公开指南</a>
          <span class="hint">信息的分类、编排体系、获取方式，公开工作机构的联系方式（条例第十二条）</span>
        </li>
        <li>
          <a href="/rules">政府信息公开制度</a>
          <span class="hint">
            本机关的公开工作制度、审查机制和申请办理制度（条例第四条、第十七条、第四十五条）
          </span>
        </li>
        <li>
          <a href="/catalogue">法定主动公开内容（政府信息公开目录）</a>
          <span class="hint">按索引号编排的主动公开信息，含规章、规范性文件及其有效性</span>
        </li>
        <li>
          <a href="/reports">政府信息公开年报</a>
          <span class="hint">每年 1 月 31 日前公布的上一年度工作年度报告（条例第四十九条、第五十条）</span>
        </li>
        <li>
          <a href="/apply">依申请公开</a>
          <span class="hint">网上提交政府信息公开申请，凭查询码查询办理进度</span>
        </li>
      </ul>
      <section aria-labelledby="latest-title">
        <h2 id="latest-title">最新公开</h2>
        {props.latest.length === 0 ? (
          <p>尚无已发布的政府信息。</p>
        ) : (
          <ul class="latest">
            {props.latest.map((item) => (
              <li>
                <a href={`/catalogue/${encodeURIComponent(item.id)}`}>{item.title}</a>{' '}
                <span class="date">{item.publishedOn}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {many && (
        <section aria-labelledby="agencies-title">
          <h2 id="agencies-title">各机关的政府信息公开</h2>
          <AgencyTree agencies={props.agencies} />
        </section>
      )}
    </PortalPage>
  );
}

/** The site's agencies, each under its parent, with its guide, its rules and its catalogue. */
function AgencyTree({ agencies }: { agencies: readonly ReceivingAgency[] }) {
  return (
    <ul class="agency-tree">
      {agencies.map((a) => (
        <li class={`depth-${Math.min(a.depth, 4)}`}>
          <span>{a.name}</span>：<a href={agencyLink('/guide', a)}>指南</a> ·{' '}
          <a href={agencyLink('/rules', a)}>制度</a> · <a href={agencyLink('/catalogue', a)}>目录</a>
        </li>
      ))}
    </ul>
  );
}

const OFFICE_FIELDS = ['name', 'address', 'hours', 'phone', 'fax', 'online'] as const;

export function GuidePage(props: { guide: PublicGuide; others: readonly ReceivingAgency[] }) {
  const current = props.guide.current;
  const g = current?.guide;
  const sections = g
    ? ([
        ['一、政府信息的分类、编排体系', g.classification],
        ['二、获取方式', g.howToObtain],
        ['四、依申请公开', g.requestProcedure],
        ['五、收费', g.fees],
        ['六、监督和救济', g.supervision],
      ] as const)
    : [];
  return (
    <PortalPage title={`${props.guide.agency.name}政府信息公开指南`} current="/guide">
      {!current || !g ? (
        <p>本机关尚未发布政府信息公开指南。</p>
      ) : (
        <article class="guide">
          <p class="hint">
            第 {current.version} 版，{current.publishedOn} 发布
          </p>
          {sections.slice(0, 2).map(([title, text]) => (
            <Section title={title} text={text} />
          ))}
          <h2>三、政府信息公开工作机构</h2>
          <dl class="receipt">
            {OFFICE_FIELDS.map((key) => (
              <>
                <dt>{GUIDE_LABELS[`office.${key}`].replace('政府信息公开工作机构', '')}</dt>
                <dd>{g.office[key]}</dd>
              </>
            ))}
          </dl>
          {sections.slice(2).map(([title, text]) => (text ? <Section title={title} text={text} /> : null))}
        </article>
      )}
      <OtherAgencies path="/guide" what="指南" shown={props.guide.agency.id} agencies={props.others} />
    </PortalPage>
  );
}

/** The same page of the site's other agencies, when there are others. */
export function OtherAgencies(props: {
  path: string;
  what: string;
  shown: number;
  agencies: readonly ReceivingAgency[];
}) {
  if (props.agencies.length < 2) return null;
  return (
    <nav aria-label={`其他机关的${props.what}`}>
      <h2>其他机关的{props.what}</h2>
      <ul>
        {props.agencies
          .filter((a) => a.id !== props.shown)
          .map((a) => (
            <li>
              <a href={agencyLink(props.path, a)}>{a.name}</a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

const Section = ({ title, text }: { title: string; text: string }) => (
  <section>
    <h2>{title}</h2>
    {paragraphsOf(text).map((p) => (
      <p>{p}</p>
    ))}
  </section>
);

export function SitemapPage(props: { agencies: readonly ReceivingAgency[]; columns: ColumnCounts }) {
  return (
    <PortalPage title="网站地图" current="/sitemap">
      <ul>
        {PORTAL_NAV.map((n) => (
          <li>
            <a href={n.href}>{n.label}</a>
          </li>
        ))}
      </ul>
      <ColumnNav browse={props.columns} />
      {props.agencies.length > 1 && (
        <>
          <h2>各机关</h2>
          <AgencyTree agencies={props.agencies} />
        </>
      )}
    </PortalPage>
  );
}
