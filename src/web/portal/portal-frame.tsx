/**
 * @module The public portal's page frame: the column's navigation, the head's site meta tags (SiteName,
 * SiteIDCode, ColumnName; portal.md §1.4) and the foot every government site prints (portal.md §1.3:
 * 主办单位, 承办单位, 联系方式, 网站标识码, ICP备案编号 and 公安机关备案号 as links to where they are
 * registered — links only, nothing is fetched from those hosts), the site map and the visit counter.
 * The site's facts come from the configuration, handed to the pages through a context by
 * `portalDocument`, so each page need not carry them.
 */
import { type Child, createContext, useContext } from 'hono/jsx';
import type { SiteFacts } from '../../domain/portal/site-facts.js';
import { documentOf, Frame, type NavItem } from '../views/layout.js';

export interface PortalSite {
  readonly facts: Partial<SiteFacts>;
  /** 访问量, when the site shows it. */
  readonly visits?: number;
}

const SiteContext = createContext<PortalSite>({ facts: {} });

/** A portal page as the response body: the doctype, and the page with the site's facts at hand. */
export const portalDocument = (site: PortalSite, page: Child): string =>
  documentOf(<SiteContext.Provider value={site}>{page}</SiteContext.Provider>);

/** The column's sub-columns and the public actions, in the order portals show them. */
export const PORTAL_NAV: readonly NavItem[] = [
  { href: '/', label: '首页' },
  { href: '/guide', label: '政府信息公开指南' },
  { href: '/rules', label: '政府信息公开制度' },
  { href: '/catalogue', label: '政府信息公开目录' },
  { href: '/reports', label: '政府信息公开年报' },
  { href: '/apply', label: '依申请公开' },
  { href: '/lookup', label: '办理进度查询' },
  { href: '/search', label: '检索' },
];

export function PortalPage({
  title,
  headTitle,
  current,
  children,
}: {
  title: string;
  /** The head's <title> when it differs from the page's heading. */
  headTitle?: string;
  current?: string;
  children?: Child;
}) {
  const site = useContext(SiteContext);
  const name = site.facts.siteName ?? '政府信息公开';
  const meta = [
    { name: 'SiteName', content: name },
    ...(site.facts.siteCode ? [{ name: 'SiteIDCode', content: site.facts.siteCode }] : []),
    { name: 'ColumnName', content: title },
  ];
  return (
    <Frame
      title={title}
      {...(headTitle === undefined ? {} : { headTitle })}
      site={name}
      nav={PORTAL_NAV}
      navLabel="栏目"
      meta={meta}
      footer={<SiteFooter site={site} />}
      {...(current === undefined ? {} : { current })}
    >
      {children}
    </Frame>
  );
}

function SiteFooter({ site }: { site: PortalSite }) {
  const f = site.facts;
  const recordCode = f.publicSecurity?.replace(/\D/g, '');
  return (
    <footer class="site-footer">
      <p>
        {f.sponsor && <span>主办单位：{f.sponsor}</span>}
        {f.operator && <span>承办单位：{f.operator}</span>}
      </p>
      {f.contact && <p>联系方式：{f.contact}</p>}
      <p>
        {f.siteCode && <span>网站标识码：{f.siteCode}</span>}
        {f.icp && (
          <a href="https://beian.miit.gov.cn/" rel="noopener noreferrer">
            {f.icp}
          </a>
        )}
        {f.publicSecurity && (
          <a
            href={`http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=${recordCode}`}
            rel="noopener noreferrer"
          >
            {f.publicSecurity}
          </a>
        )}
      </p>
      <p>
        <a href="/sitemap">网站地图</a>
        <a href="/login">工作人员登录</a>
        {site.visits !== undefined && <span>访问量：{site.visits.toLocaleString('en-US')}</span>}
      </p>
    </footer>
  );
}
