/**
 * @module The words of the demo county (演示数据): the agencies of 示范县 — a county that does not
 * exist, so that no demo record can be mistaken for a real agency's — its staff, and the pools the
 * generator draws applicants (申请人), requested contents (申请内容) and the notes of events from.
 * Every person and organisation is invented; contact details are masked or at example.com (reserved,
 * RFC 2606); no ID document (身份证明) is recorded at all.
 */
import type { Role } from '../domain/access/policy.js';
import type { ApplicantKind } from '../domain/requests/request.js';

/** What an agency of the demo county handles, for the contents its applicants ask for. */
export type Topic = 'county' | 'township' | 'street' | 'land';

export interface DemoAgency {
  /** Key for the users and the parent link. */
  readonly key: string;
  readonly name: string;
  /** One of AGENCY_KINDS. */
  readonly kind: '区县' | '乡镇/街道' | '部门';
  /** Absent: the county itself. */
  readonly parent?: string;
  /** 机关代字 in the agency's own numbers (依申请公开编号), e.g. 示政依申〔2025〕12号. */
  readonly abbreviation: string;
  /** What its applicants ask about; absent: it receives no requests (its staff is a liaison only). */
  readonly topic?: Topic;
  /** Share of the county's requests this agency receives. */
  readonly share: number;
}

/** 示范县: the county government, three townships / streets, three departments. */
export const DEMO_AGENCIES: readonly DemoAgency[] = [
  { key: 'xian', name: '示范县人民政府', kind: '区县', abbreviation: '示政', topic: 'county', share: 30 },
  {
    key: 'chengguan',
    name: '示范县城关镇人民政府',
    kind: '乡镇/街道',
    parent: 'xian',
    abbreviation: '城政',
    topic: 'township',
    share: 20,
  },
  {
    key: 'xinmiao',
    name: '示范县新庙镇人民政府',
    kind: '乡镇/街道',
    parent: 'xian',
    abbreviation: '新政',
    topic: 'township',
    share: 14,
  },
  {
    key: 'dongcheng',
    name: '示范县东城街道办事处',
    kind: '乡镇/街道',
    parent: 'xian',
    abbreviation: '东办',
    topic: 'street',
    share: 12,
  },
  {
    key: 'jiaoyu',
    name: '示范县教育局',
    kind: '部门',
    parent: 'xian',
    abbreviation: '示教',
    share: 0,
  },
  {
    key: 'ziyuan',
    name: '示范县自然资源局',
    kind: '部门',
    parent: 'xian',
    abbreviation: '示自然资',
    topic: 'land',
    share: 24,
  },
  {
    key: 'weijian',
    name: '示范县卫生健康委员会',
    kind: '部门',
    parent: 'xian',
    abbreviation: '示卫健',
    share: 0,
  },
];

export interface DemoUser {
  readonly name: string;
  /** 姓名: invented. */
  readonly displayName: string;
  readonly agency: string;
  readonly roles: readonly Role[];
}

/**
 * One account per role at the county; a 经办人 (handler) and a 审核人 (approver) wherever requests
 * arrive; 联络员 (liaisons) at the departments that only pass information to the county's office.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { name: 'admin', displayName: '王静', agency: 'xian', roles: ['admin'] },
  { name: 'jiandu', displayName: '陈立', agency: 'xian', roles: ['oversight'] },
  { name: 'xian.jingban', displayName: '李敏', agency: 'xian', roles: ['handler'] },
  { name: 'xian.shenhe', displayName: '赵刚', agency: 'xian', roles: ['approver'] },
  { name: 'chengguan.jingban', displayName: '刘洋', agency: 'chengguan', roles: ['handler'] },
  { name: 'chengguan.shenhe', displayName: '孙红梅', agency: 'chengguan', roles: ['approver'] },
  { name: 'xinmiao.jingban', displayName: '周文', agency: 'xinmiao', roles: ['handler'] },
  { name: 'xinmiao.shenhe', displayName: '吴海燕', agency: 'xinmiao', roles: ['approver'] },
  { name: 'dongcheng.jingban', displayName: '郑晓', agency: 'dongcheng', roles: ['handler'] },
  { name: 'dongcheng.shenhe', displayName: '冯建国', agency: 'dongcheng', roles: ['approver'] },
  { name: 'ziyuan.jingban', displayName: '何平', agency: 'ziyuan', roles: ['handler'] },
  { name: 'ziyuan.shenhe', displayName: '许志强', agency: 'ziyuan', roles: ['approver'] },
  { name: 'jiaoyu.lianluo', displayName: '马丽', agency: 'jiaoyu', roles: ['liaison'] },
  { name: 'weijian.lianluo', displayName: '朱涛', agency: 'weijian', roles: ['liaison'] },
];

/** The one password of every demo account: letters and digits, as the password rule asks. */
export const DEMO_PASSWORD = 'Demo2026gongkai';

// ── applicants ──────────────────────────────────────────────────────────────────────────────────

export const SURNAMES = [
  '张',
  '王',
  '李',
  '赵',
  '刘',
  '陈',
  '杨',
  '黄',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '韩',
  '冯',
  '于',
  '董',
  '萧',
] as const;

export const GIVEN_NAMES = [
  '建华',
  '秀英',
  '志强',
  '丽娟',
  '国庆',
  '桂兰',
  '海涛',
  '春梅',
  '卫东',
  '玉珍',
  '晓东',
  '红霞',
  '永胜',
  '凤英',
  '德明',
  '淑芬',
  '文斌',
  '雪莲',
  '宏伟',
  '美华',
  '子涵',
  '思远',
  '欣怡',
  '浩然',
  '雨桐',
  '振宇',
  '佳琪',
  '俊杰',
  '梦瑶',
  '天佑',
] as const;

/** Organisations by applicant kind (法人或其他组织, the columns of section 三); all of 示范县, all invented. */
export const ORGANISATIONS: Readonly<Record<Exclude<ApplicantKind, 'natural'>, readonly string[]>> = {
  commercial: [
    '示范县鑫达建材有限公司',
    '示范县恒源房地产开发有限公司',
    '示范县绿野农业科技有限公司',
    '示范县顺通物流有限公司',
    '示范县华泰建筑工程有限公司',
    '示范县康宁医药连锁有限公司',
    '示范县青禾食品有限公司',
  ],
  research: ['示范县农业技术推广研究所', '示范职业技术学院公共管理研究中心', '示范县地方志研究会'],
  publicInterest: ['示范县绿色家园环保志愿者协会', '示范县助残公益服务中心', '示范县老年人权益保障协会'],
  legalService: ['示范县明正律师事务所', '示范县公信律师事务所', '示范县城关法律服务所'],
  other: [
    '示范县阳光花园小区业主委员会',
    '城关镇东关村村民委员会',
    '新庙镇王庄村股份经济合作社',
    '示范县锦绣家园小区业主委员会',
  ],
};

// ── what they ask for ───────────────────────────────────────────────────────────────────────────

export const ROADS = ['人民路东段', '建设大道', '迎宾路', '文化路北段', '滨河路', '工业园区纬三路'] as const;
export const VILLAGES = ['东关村', '王庄村', '柳树湾村', '新庙村', '李家岗村', '石桥村', '杏花村'] as const;
export const COMMUNITIES = ['阳光花园', '锦绣家园', '幸福里', '滨河小区', '翠苑', '金桂园'] as const;
export const PROJECTS = [
  '县城污水处理厂扩建',
  '城西片区棚户区改造',
  '农村饮水安全巩固提升',
  '县人民医院门诊楼',
  '工业园区标准化厂房',
] as const;

/** What a request names, with {year} {road} {village} {community} {project} filled in. */
export const CONTENTS: Readonly<Record<Topic, readonly string[]>> = {
  county: [
    '申请公开{road}拓宽工程的征收补偿方案',
    '申请公开示范县{year}年度财政预算执行情况',
    '申请公开县政府{year}年度“三公”经费支出明细',
    '申请公开{project}项目的立项批复及投资概算',
    '申请公开县政府常务会议关于{project}项目的会议纪要',
    '申请公开{village}集体土地征收的批复文件',
    '申请公开示范县{year}年度政府工作报告重点任务的完成情况',
    '申请公开{project}项目的招标文件及中标结果',
    '申请公开示范县{year}年度政府债务情况',
    '申请公开示范县城区供热价格调整的听证材料',
  ],
  township: [
    '申请公开{village}{year}年度村级财务收支情况',
    '申请公开{village}{year}年度低保户评定名单及评定程序',
    '申请公开本镇{year}年度高标准农田建设项目的验收资料',
    '申请公开{village}宅基地审批情况',
    '申请公开{road}沿线房屋征收的补偿安置标准',
    '申请公开{village}危房改造补助资金发放名单',
    '申请公开本镇{year}年度防汛物资采购合同',
    '申请公开{village}土地流转合同及流转费用发放情况',
    '申请公开本镇对{village}违法建设的处理决定',
  ],
  street: [
    '申请公开{community}小区老旧小区改造项目的预算及施工合同',
    '申请公开{community}小区物业服务企业选聘的相关文件',
    '申请公开本街道{year}年度民生实事项目完成情况',
    '申请公开{community}小区加装电梯补助的审批材料',
    '申请公开本街道{year}年度社区工作者招聘的报名及录用情况',
    '申请公开{road}沿街商铺“门头牌匾”整治的依据文件',
  ],
  land: [
    '申请公开{community}小区的建设工程规划许可证及附图',
    '申请公开{village}土地征收的“一书四方案”',
    '申请公开{village}集体土地征收的征地补偿安置方案公告',
    '申请公开{road}两侧地块国有建设用地使用权出让合同',
    '申请公开本人房屋所在区域的控制性详细规划',
    '申请公开{village}采矿权出让的审批信息',
    '申请公开{project}项目的建设用地规划许可证',
    '申请公开{year}年度示范县土地利用年度计划',
    '申请公开{village}不动产登记簿中集体土地所有权的登记信息',
  ],
};

/** 补正通知: what to correct (Art. 30: 一次性告知). */
export const CORRECTION_ITEMS = [
  '请明确所需政府信息的名称、文号或者其他特征描述',
  '申请内容涉及多个事项，请按“一事一申请”分别提出',
  '请说明所需信息对应的地块位置或项目名称',
  '请补充申请人的身份证明材料（复印件）',
  '请明确所需信息的形成时间段',
] as const;

/** 征求第三方意见: whom (Art. 32). */
export const THIRD_PARTIES = [
  '示范县恒源房地产开发有限公司',
  '示范县华泰建筑工程有限公司',
  '相关被征收户',
  '示范县顺通物流有限公司',
] as const;

/** 征求其他机关意见: with whom the information was made (Art. 34). */
export const OTHER_AGENCIES = ['示范县发展和改革局', '示范县财政局', '示范县住房和城乡建设局'] as const;

export const EXTENSION_REASONS = [
  '所需信息涉及多年档案，需调阅整理',
  '申请内容较多，需会同相关科室检索核实',
  '所需信息形成时间较早，需向档案馆调取',
] as const;

export const WITHDRAWAL_REASONS = [
  '申请人来电表示已通过其他途径获取所需信息',
  '申请人书面申请撤回',
  '申请人表示问题已协调解决，不再需要相关信息',
] as const;

/**
 * The demo agencies' changes to their column trees (栏目): the county's own columns under the
 * standard ones, and a rural township that words one 基层 area as it does now (扶贫 → 乡村振兴, portal.md
 * §5) and retires the urban areas it has none of. `parent` is a column id or the key of a column
 * added before (`own:…`).
 */
export type DemoColumnChange =
  | { readonly agency: string; readonly add: string; readonly key: string; readonly parent: string }
  | { readonly agency: string; readonly rename: string; readonly name: string }
  | { readonly agency: string; readonly retire: string; readonly reason: string };

export const DEMO_COLUMN_CHANGES: readonly DemoColumnChange[] = [
  { agency: 'xian', add: '重点领域信息公开', key: 'zdly', parent: 'fdzdgknr' },
  { agency: 'xian', add: '优化营商环境', key: 'yshj', parent: 'own:zdly' },
  { agency: 'xian', add: '乡村振兴', key: 'xczx', parent: 'own:zdly' },
  { agency: 'xian', add: '政策解读', key: 'zcjd', parent: 'fdzdgknr' },
  { agency: 'xinmiao', rename: 'jczwgk-11', name: '乡村振兴' },
  { agency: 'xinmiao', retire: 'jczwgk-18', reason: '本镇无城市综合执法事项' },
  { agency: 'xinmiao', retire: 'jczwgk-24', reason: '本镇无市政服务事项' },
];

/** A few published items per agency, so that the portal's catalogue has something to browse. */
export interface DemoItem {
  readonly agency: string;
  readonly title: string;
  readonly docNumber: string;
  /** A column id, or `own:key` of a column above. */
  readonly column: string;
  readonly topic: string;
  readonly keywords: readonly string[];
  readonly kind: '规范性文件' | 'other';
  readonly body: string;
  /** A Word file the item carries as its 附件 (its paragraphs), so the demo's pages show one. */
  readonly attachment?: { readonly name: string; readonly paragraphs: readonly string[] };
}

export const DEMO_ITEMS: readonly DemoItem[] = [
  {
    agency: 'xian',
    title: '示范县人民政府关于进一步优化营商环境的若干措施',
    docNumber: '示政规〔2025〕2号',
    column: 'fdzdgknr-01',
    topic: '综合政务',
    keywords: ['营商环境', '市场主体'],
    kind: '规范性文件',
    body: '为进一步优化营商环境，激发市场主体活力，结合本县实际，制定以下措施。\n一、压缩企业开办时间。\n二、推行告知承诺制。',
  },
  {
    agency: 'xian',
    title: '示范县2025年县级财政预算公开说明',
    docNumber: '',
    column: 'fdzdgknr-07',
    topic: '财政、审计',
    keywords: ['预算', '财政'],
    kind: 'other',
    body: '根据《中华人民共和国预算法》，现将本县2025年县级一般公共预算公开如下。',
    attachment: {
      name: '示范县2025年县级一般公共预算表.docx',
      paragraphs: [
        '示范县2025年县级一般公共预算表',
        '一、一般公共预算收入 86,420 万元，其中税收收入 61,350 万元。',
        '二、一般公共预算支出 152,870 万元，其中教育支出 31,260 万元、社会保障和就业支出 24,810 万元。',
        '三、“三公”经费预算 412 万元，比上年减少 3.5%。',
      ],
    },
  },
  {
    agency: 'xian',
    title: '示范县政务服务事项告知承诺制实施情况',
    docNumber: '',
    column: 'own:yshj',
    topic: '综合政务',
    keywords: ['告知承诺', '政务服务'],
    kind: 'other',
    body: '本县自2025年起在42项政务服务事项中推行告知承诺制，办理时限平均压缩一半。',
  },
  {
    agency: 'xian',
    title: '《示范县进一步优化营商环境的若干措施》政策解读',
    docNumber: '',
    column: 'own:zcjd',
    topic: '综合政务',
    keywords: ['政策解读', '营商环境'],
    kind: 'other',
    body: '一、起草背景。二、主要内容。三、适用范围。',
  },
  {
    agency: 'chengguan',
    title: '城关镇2025年农村宅基地审批情况公示',
    docNumber: '',
    column: 'fdzdgknr-05',
    topic: '城乡建设、环境保护',
    keywords: ['宅基地', '审批'],
    kind: 'other',
    body: '现将本镇2025年第一季度农村宅基地审批情况公示如下。',
  },
  {
    agency: 'xinmiao',
    title: '新庙镇2025年耕地地力保护补贴发放情况',
    docNumber: '',
    column: 'jczwgk-16',
    topic: '农业、林业、水利',
    keywords: ['涉农补贴', '耕地地力保护'],
    kind: 'other',
    body: '2025年本镇耕地地力保护补贴已发放到户，补贴标准为每亩120元。',
  },
];
