/**
 * Generated catalogue items for the search benchmark: titles of 15–40 characters and bodies of a few
 * hundred, made of the words government documents are made of (a vocabulary of some 400 words and
 * phrases: subjects, actions, matters of the 基层政务公开 areas, dates, 文号), deterministic from a seed.
 * The words are drawn with a Zipf-like skew, so that some (工作, 管理) are in most items and some (调休,
 * 宅基地) in few, as in a real catalogue.
 */

/** mulberry32: a small, fast, seeded generator (0 ≤ r < 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MATTER_LIST = [
  '宅基地管理',
  '房屋征收',
  '土地征收',
  '征收补偿',
  '春节调休',
  '节假日调休',
  '调休安排',
  '社会救助',
  '低保标准',
  '最低生活保障',
  '特困人员供养',
  '临时救助',
  '养老服务',
  '居家养老',
  '医疗保障',
  '城乡居民医保',
  '义务教育',
  '学前教育',
  '食品安全',
  '药品监管',
  '安全生产',
  '消防安全',
  '防汛抗旱',
  '森林防火',
  '地质灾害防治',
  '农村危房改造',
  '保障性住房',
  '公共租赁住房',
  '棚户区改造',
  '城乡规划',
  '国土空间规划',
  '重大建设项目',
  '公共资源交易',
  '政府采购',
  '财政预算',
  '财政决算',
  '三公经费',
  '税收管理',
  '就业创业',
  '职业技能培训',
  '社会保险',
  '失业保险',
  '工伤保险',
  '户籍管理',
  '流动人口服务',
  '涉农补贴',
  '耕地地力保护补贴',
  '农机购置补贴',
  '高标准农田建设',
  '农田水利',
  '土地承包经营权流转',
  '农村集体经济',
  '乡村振兴',
  '人居环境整治',
  '垃圾分类',
  '污水处理',
  '生态环境保护',
  '大气污染防治',
  '河长制',
  '扶贫救灾',
  '防止返贫监测',
  '公共文化服务',
  '公共法律服务',
  '人民调解',
  '市政服务',
  '道路交通',
  '城市管理',
  '综合行政执法',
  '市场监管',
  '优化营商环境',
  '政务服务',
  '一网通办',
  '政府信息公开',
  '依申请公开',
  '政务公开',
  '行政许可',
  '行政处罚',
  '行政复议',
  '信访工作',
  '疫情防控',
  '卫生健康',
  '计划生育',
  '退役军人服务',
  '残疾人保障',
  '未成年人保护',
  '妇女儿童发展',
  '民族宗教',
  '统计调查',
  '人口普查',
  '审计整改',
  '干部培训',
  '机构编制',
];

/** The matters in a fixed shuffled order: which are common (the skew favours the first) is arbitrary. */
export const MATTERS: readonly string[] = (() => {
  const r = random(7);
  const list = [...MATTER_LIST];
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
})();

const SUBJECTS = [
  '各乡镇人民政府',
  '各街道办事处',
  '县直各部门',
  '各村（居）民委员会',
  '县人民政府',
  '镇人民政府',
  '县财政局',
  '县民政局',
  '县自然资源局',
  '县住房和城乡建设局',
  '县农业农村局',
  '县人力资源和社会保障局',
  '县卫生健康局',
  '县教育局',
  '县市场监督管理局',
  '县应急管理局',
  '县生态环境分局',
  '县司法局',
  '有关单位',
  '各级行政机关',
];

const ACTIONS = [
  '加强',
  '做好',
  '推进',
  '落实',
  '规范',
  '完善',
  '开展',
  '深化',
  '强化',
  '健全',
  '优化',
  '统筹',
  '组织实施',
  '认真做好',
  '切实加强',
  '进一步规范',
  '全面推进',
  '扎实开展',
  '稳步推进',
  '持续深化',
];

const OBJECTS = [
  '工作',
  '管理',
  '制度',
  '机制',
  '标准',
  '办法',
  '政策',
  '措施',
  '方案',
  '程序',
  '监督检查',
  '考核评价',
  '资金使用',
  '信息报送',
  '服务保障',
  '风险排查',
  '宣传引导',
  '组织领导',
  '责任落实',
  '档案管理',
];

const CONNECTIVES = [
  '根据',
  '按照',
  '为了',
  '为进一步',
  '经研究',
  '结合本地实际',
  '依据',
  '对照',
  '围绕',
  '针对',
];

const BASES = [
  '《中华人民共和国政府信息公开条例》',
  '《中华人民共和国土地管理法》',
  '《国有土地上房屋征收与补偿条例》',
  '《社会救助暂行办法》',
  '《国务院办公厅关于2025年部分节假日安排的通知》',
  '《中华人民共和国安全生产法》',
  '上级有关文件精神',
  '省委省政府决策部署',
  '市委市政府工作要求',
  '县委县政府工作安排',
];

const KINDS_OF_DOCUMENT = [
  '通知',
  '意见',
  '办法',
  '实施方案',
  '工作方案',
  '规定',
  '实施细则',
  '公告',
  '通告',
  '报告',
  '决定',
  '批复',
];

export const TOPICS = [
  '综合政务',
  '城乡建设',
  '农业农村',
  '民政',
  '财政',
  '自然资源',
  '卫生健康',
  '教育',
  '劳动就业',
  '社会保障',
  '安全生产',
  '生态环境',
  '市场监管',
  '交通运输',
  '文化旅游',
  '公安司法',
];

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
/** A Zipf-like pick: the first entries far more often than the last. */
const skewed = <T>(r: () => number, list: readonly T[]): T =>
  list[Math.min(list.length - 1, Math.floor(list.length * r() ** 2.2))]!;

export interface GeneratedItem {
  readonly title: string;
  readonly body: string;
  readonly topic: string;
  readonly docNumber: string;
  readonly year: number;
}

function title(r: () => number, year: number): string {
  const matter = skewed(r, MATTERS);
  const kind = pick(r, KINDS_OF_DOCUMENT);
  const patterns = [
    () => `关于${pick(r, ACTIONS)}${year}年度${matter}${pick(r, OBJECTS)}的${kind}`,
    () => `${pick(r, SUBJECTS)}关于${matter}${pick(r, OBJECTS)}的${kind}`,
    () => `关于印发《${matter}${pick(r, OBJECTS)}${kind}》的通知`,
    () => `${year}年${matter}和${skewed(r, MATTERS)}${pick(r, OBJECTS)}${kind}`,
    () => `关于${pick(r, ACTIONS)}${matter}${pick(r, OBJECTS)}的${kind}`,
  ];
  for (;;) {
    const t = pick(r, patterns)();
    const n = [...t].length;
    if (n >= 15 && n <= 40) return t;
  }
}

function sentence(r: () => number): string {
  const s = [
    () =>
      `${pick(r, CONNECTIVES)}${pick(r, BASES)}，${pick(r, SUBJECTS)}要${pick(r, ACTIONS)}${skewed(r, MATTERS)}${pick(r, OBJECTS)}。`,
    () =>
      `${pick(r, SUBJECTS)}应当${pick(r, ACTIONS)}${skewed(r, MATTERS)}${pick(r, OBJECTS)}，${pick(r, ACTIONS)}${skewed(r, MATTERS)}${pick(r, OBJECTS)}。`,
    () => `${skewed(r, MATTERS)}${pick(r, OBJECTS)}由${pick(r, SUBJECTS)}负责，具体办法另行制定。`,
    () =>
      `对${skewed(r, MATTERS)}中发现的问题，${pick(r, SUBJECTS)}要及时${pick(r, ACTIONS)}整改，确保${pick(r, OBJECTS)}到位。`,
  ];
  return pick(r, s)();
}

function body(r: () => number, year: number): string {
  const target = 200 + Math.floor(r() * 400);
  const parts: string[] = [];
  let length = 0;
  let article = 1;
  while (length < target) {
    const p =
      r() < 0.3 ? `第${'一二三四五六七八九十'[Math.min(article++, 10) - 1]}条 ${sentence(r)}` : sentence(r);
    parts.push(p);
    length += [...p].length;
  }
  parts.push(`本${pick(r, KINDS_OF_DOCUMENT)}自${year}年${1 + Math.floor(r() * 12)}月1日起施行。`);
  return parts.join('');
}

/** The item number `i` of the corpus (the same for the same seed and i). */
export function generatedItem(seed: number, i: number): GeneratedItem {
  const r = random(seed * 1_000_003 + i);
  const year = 2015 + Math.floor(r() * 11);
  return {
    title: title(r, year),
    body: body(r, year),
    topic: pick(r, TOPICS),
    docNumber:
      r() < 0.7 ? `城政${pick(r, ['发', '办', '规', '函'])}〔${year}〕${1 + Math.floor(r() * 200)}号` : '',
    year,
  };
}

/** Words people search for: the matters' words and a few common ones, two characters or more. */
export const ONE_WORDS = [
  '调休',
  '征收',
  '宅基地',
  '低保',
  '救助',
  '养老',
  '医保',
  '补贴',
  '危房',
  '公租房',
  '规划',
  '采购',
  '预算',
  '决算',
  '就业',
  '社会保险',
  '户籍',
  '乡村振兴',
  '垃圾分类',
  '污水',
  '河长制',
  '调解',
  '执法',
  '营商环境',
  '一网通办',
  '政务公开',
  '行政复议',
  '信访',
  '疫情',
  '残疾人',
  '统计',
  '审计',
  '工作',
  '管理',
  '通知',
  '安全生产',
  '食品安全',
  '防汛',
  '森林防火',
  '耕地',
  '农机',
  '高标准农田',
  '土地承包',
  '人居环境',
  '公共文化',
  '退役军人',
  '未成年人',
  '养老服务',
  '防止返贫',
  '人口普查',
];
