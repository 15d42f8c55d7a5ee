/**
 * @module 登记申请 (/office/requests/new): a request received on paper, in person, by post, fax or
 * e-mail, with what 条例第二十九条 asks of an application (the applicant and 身份证明, contact details,
 * the information described, the form wanted) and the dates 条例第三十一条 counts from. A refused form
 * comes back with each problem beside its field and everything typed kept.
 */
import { APPLICANT_KIND_LABELS, CHANNEL_LABELS } from '../../domain/requests/request.js';
import { Choice, type FormState, Input, TextArea } from '../views/form-fields.js';
import { CsrfField, Notice, Page, type Viewer } from '../views/layout.js';

export type RegisterFormState = FormState;

const MEDIA = [
  ['paper', '纸质'],
  ['electronic', '电子'],
  ['inspection', '当场查阅'],
  ['other', '未说明'],
] as const;
const DELIVERIES = [
  ['collect', '自行领取'],
  ['post', '邮寄'],
  ['email', '电子邮件'],
  ['fax', '传真'],
  ['online', '网上获取'],
  ['other', '未说明'],
] as const;

export function RegisterPage(props: { viewer: Viewer; state?: RegisterFormState; today: string }) {
  const { state } = props;
  const general = state?.errors.event ?? state?.errors.agency;
  return (
    <Page title="登记申请" viewer={props.viewer} current="/office/requests/new">
      <Notice kind="refused" text={state ? `未登记：${general ?? '请按提示修改后重新提交。'}` : undefined} />
      <form method="post" action="/office/requests" class="form card" novalidate>
        <CsrfField token={props.viewer.csrfToken} />
        <h2>申请人</h2>
        <div class="row">
          <Input state={state} name="applicant" label="姓名或名称" required />
          <Choice
            state={state}
            name="type"
            label="申请人类型"
            value="自然人"
            options={Object.values(APPLICANT_KIND_LABELS).map((l) => [l, l] as const)}
          />
        </div>
        <div class="row">
          <Input state={state} name="idType" label="身份证明类型" hint="如 居民身份证、统一社会信用代码" />
          <Input state={state} name="idNumber" label="身份证明号码" />
        </div>
        <div class="row">
          <Input state={state} name="phone" label="联系电话" type="tel" />
          <Input state={state} name="email" label="电子邮箱" type="email" />
        </div>
        <div class="row">
          <Input state={state} name="address" label="通信地址" />
          <Input state={state} name="postcode" label="邮政编码" />
        </div>
        <h2>申请的政府信息</h2>
        <TextArea state={state} name="content" label="内容描述" required />
        <div class="row">
          <Choice state={state} name="medium" label="载体形式" options={MEDIA} value="other" />
          <Choice state={state} name="delivery" label="获取方式" options={DELIVERIES} value="other" />
        </div>
        <h2>收件</h2>
        <div class="row">
          <Choice
            state={state}
            name="channel"
            label="申请渠道"
            value="inPerson"
            options={Object.entries(CHANNEL_LABELS).map(([k, l]) => [k, l] as const)}
          />
          <Input
            state={state}
            name="received"
            label="收到申请之日"
            type="date"
            value={props.today}
            required
            hint="当面：提交之日；邮寄：签收之日；平信、网上、传真、电子邮件：双方确认之日（条例第三十一条）"
          />
        </div>
        <div class="row">
          {/* Only the arrival date hides (office.js) for 当面 and 邮寄（签收）; the office's number stays. */}
          <div data-arrived>
            <Input state={state} name="arrived" label="到达日期（平信、网上、传真、电子邮件）" type="date" />
          </div>
          <Input state={state} name="ref" label="本机关登记编号" hint="同一编号只登记一次" />
        </div>
        <div>
          <button type="submit">登记</button>
        </div>
      </form>
    </Page>
  );
}
