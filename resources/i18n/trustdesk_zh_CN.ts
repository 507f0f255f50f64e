<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountPicker</name>
    <message>
        <source>Type a customer&apos;s name or pinyin</source>
        <translation>输入客户名称或拼音</translation>
    </message>
    <message>
        <source>Chosen: {0}</source>
        <translation>已选：{0}</translation>
    </message>
</context>
<context>
    <name>AccountTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>客户阶段</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新日期</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>上次拜访</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>下次应拜访</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>关键</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低值</translation>
    </message>
    <message>
        <source>Ref</source>
        <comment>short mark: came by referral</comment>
        <translation>荐</translation>
    </message>
    <message>
        <source>Came by a referral</source>
        <translation>经推荐而来的客户</translation>
    </message>
    <message>
        <source>overdue {0} days</source>
        <translation>逾期 {0} 天</translation>
    </message>
    <message>
        <source>Do not serve</source>
        <translation>不予服务</translation>
    </message>
</context>
<context>
    <name>AccountWorkspace</name>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>1 contact</source>
        <translation>1 位联系人</translation>
    </message>
    <message>
        <source>{0} contacts</source>
        <translation>{0} 位联系人</translation>
    </message>
    <message>
        <source>Do not serve</source>
        <translation>不予服务</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>Edit answer</source>
        <translation>编辑回答</translation>
    </message>
    <message>
        <source>New answer</source>
        <translation>新建回答</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Words that should find it, e.g. 折扣 discount</source>
        <translation>用于查找的词，例如 折扣 discount</translation>
    </message>
</context>
<context>
    <name>ApprovalsDialog</name>
    <message>
        <source>Promises needing approval</source>
        <translation>待审批的承诺</translation>
    </message>
    <message>
        <source>No promise is waiting for approval.</source>
        <translation>没有待审批的承诺。</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
</context>
<context>
    <name>CalendarExportDialog</name>
    <message>
        <source>Export calendar</source>
        <translation>导出日历</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>From (optional)</source>
        <translation>开始日期（可选）</translation>
    </message>
    <message>
        <source>To (optional)</source>
        <translation>结束日期（可选）</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日，如 1980-05-17</translation>
    </message>
    <message>
        <source>Calendar (*.ics)</source>
        <translation>日历 (*.ics)</translation>
    </message>
    <message>
        <source>Write the date as YYYY-MM-DD, e.g. 2026-12-31.</source>
        <translation>日期请写成 YYYY-MM-DD，例如 2026-12-31。</translation>
    </message>
    <message>
        <source>Choose where to save the calendar.</source>
        <translation>请选择日历的保存位置。</translation>
    </message>
</context>
<context>
    <name>CareDatesBox</name>
    <message>
        <source>Care dates</source>
        <translation>关怀日</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What to remember</source>
        <translation>关怀事项</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>e.g. daughter&apos;s exam</source>
        <translation>例如：女儿高考</translation>
    </message>
    <message>
        <source>Every year</source>
        <translation>每年</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save the person first</source>
        <translation>请先保存此人</translation>
    </message>
    <message>
        <source>every year</source>
        <translation>每年</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change the passphrase</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>The data is not rewritten: only the key is wrapped anew. The backups in the backups folder open with the new passphrase too; a copy you made elsewhere keeps the old one.</source>
        <translation>数据不会被改写，只重新封装密钥。备份文件夹中的备份也改用新密码打开；您在别处保存的副本仍使用旧密码。</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Type the current passphrase.</source>
        <translation>请输入当前密码。</translation>
    </message>
</context>
<context>
    <name>ChartBox</name>
    <message>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <source>No scores recorded yet.</source>
        <translation>还没有评分记录。</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>将图表另存为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>CommitmentDialog</name>
    <message>
        <source>New commitment</source>
        <translation>新建承诺</translation>
    </message>
    <message>
        <source>What was promised</source>
        <translation>承诺内容</translation>
    </message>
    <message>
        <source>e.g. send the revised quotation</source>
        <translation>例如：发送修改后的报价</translation>
    </message>
    <message>
        <source>To whom</source>
        <translation>承诺对象</translation>
    </message>
    <message>
        <source>(the customer in general)</source>
        <translation>（客户整体）</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日，如 1980-05-17</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— 无 —</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Bottom line</source>
        <translation>底线</translation>
    </message>
    <message>
        <source>Limit: {0}</source>
        <translation>上限：{0}</translation>
    </message>
    <message>
        <source>Beyond the bottom line (limit {0}): needs approval</source>
        <translation>超出底线（上限 {0}）：需要审批</translation>
    </message>
    <message>
        <source>Within the bottom line (limit {0})</source>
        <translation>在底线之内（上限 {0}）</translation>
    </message>
</context>
<context>
    <name>CommitmentTableModel</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>To whom</source>
        <translation>承诺对象</translation>
    </message>
    <message>
        <source>By</source>
        <translation>承诺人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Needs approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Open and past its due date</source>
        <translation>未兑现且已过期限</translation>
    </message>
</context>
<context>
    <name>CommitmentsTab</name>
    <message>
        <source>New commitment…</source>
        <translation>新建承诺…</translation>
    </message>
    <message>
        <source>Change status…</source>
        <translation>更改状态…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原状态</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Status history of the selected promise</source>
        <translation>所选承诺的状态历史</translation>
    </message>
    <message>
        <source>Commitments</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>{0} overdue</source>
        <translation>{0} 项逾期</translation>
    </message>
    <message>
        <source>1 needs approval</source>
        <translation>1 项待审批</translation>
    </message>
    <message>
        <source>{0} need approval</source>
        <translation>{0} 项待审批</translation>
    </message>
    <message>
        <source>Promise saved; it is beyond a bottom line and needs approval.</source>
        <translation>承诺已保存；它超出了底线，需要审批。</translation>
    </message>
    <message>
        <source>Promise saved.</source>
        <translation>承诺已保存。</translation>
    </message>
    <message>
        <source>The promise is now {0}.</source>
        <translation>该承诺现为“{0}”。</translation>
    </message>
    <message>
        <source>Promise approved.</source>
        <translation>承诺已批准。</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Keep the other one</source>
        <translation>改为保留另一条</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Merge into it</source>
        <translation>合并到保留的记录</translation>
    </message>
    <message>
        <source>entered {0}</source>
        <translation>{0} 录入</translation>
    </message>
    <message>
        <source>{0} other fields are the same.</source>
        <translation>其余 {0} 个字段相同。</translation>
    </message>
    <message>
        <source>Moves to the kept record: {0}.</source>
        <translation>将移到保留的记录：{0}。</translation>
    </message>
    <message>
        <source>The other record has nothing else to move.</source>
        <translation>另一条记录没有其他需要移动的内容。</translation>
    </message>
</context>
<context>
    <name>CompetitorChart</name>
    <message>
        <source>Us and competitors: mean score per question</source>
        <translation>我们与竞争对手：各题平均分</translation>
    </message>
    <message>
        <source>Mean score (1–5)</source>
        <translation>平均分（1–5）</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>No survey about a competitor recorded yet.</source>
        <translation>还没有关于竞争对手的调查。</translation>
    </message>
    <message>
        <source>Us</source>
        <translation>我们</translation>
    </message>
    <message>
        <source>{0} · Q{1} {2}
mean {3:.2f} ({4} answers)</source>
        <translation>{0} · 第{1}题 {2}
平均 {3:.2f}（{4} 个回答）</translation>
    </message>
</context>
<context>
    <name>ComplaintActions</name>
    <message>
        <source>Response to {0} recorded.</source>
        <translation>已记录对{0}的回应。</translation>
    </message>
    <message>
        <source>Complaint of {0} resolved.</source>
        <translation>{0}的投诉已解决。</translation>
    </message>
    <message>
        <source>Linked to the improvement: {0}</source>
        <translation>已关联到改进措施：{0}</translation>
    </message>
    <message>
        <source>Service recorded for {0}.</source>
        <translation>已为{0}记录服务。</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Respond with an apology…</source>
        <translation>回应并道歉…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <source>Link to an improvement…</source>
        <translation>关联到改进措施…</translation>
    </message>
    <message>
        <source>Record the good service delivered…</source>
        <translation>记录为客户做的好服务…</translation>
    </message>
</context>
<context>
    <name>ComplaintTexts</name>
    <message>
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} 小时</translation>
    </message>
    <message>
        <source>{0} d</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <source>{0} over</source>
        <translation>超时 {0}</translation>
    </message>
    <message>
        <source>answered in {0}</source>
        <translation>{0}内回应</translation>
    </message>
    <message>
        <source>{0} left</source>
        <translation>还剩 {0}</translation>
    </message>
    <message>
        <source>resolved in {0}</source>
        <translation>{0}内解决</translation>
    </message>
    <message>
        <source>no first response</source>
        <translation>未首次回应</translation>
    </message>
    <message>
        <source>not resolved</source>
        <translation>未解决</translation>
    </message>
</context>
<context>
    <name>ComplaintsSection</name>
    <message>
        <source>&amp;New complaint…</source>
        <translation>新建投诉(&amp;N)…</translation>
    </message>
    <message>
        <source>From a low survey &amp;score…</source>
        <translation>从低分调查开投诉(&amp;S)…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Time over</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Late on</source>
        <translation>逾期环节</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次回应</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解决日期</translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation>挽回结果</translation>
    </message>
    <message>
        <source>Apology</source>
        <translation>道歉</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>改进措施</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Customers told</source>
        <translation>已告知客户</translation>
    </message>
    <message>
        <source>Feedback it answers</source>
        <translation>回应的反馈</translation>
    </message>
    <message>
        <source>Improvement done</source>
        <translation>已完成的改进</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>&amp;Respond…</source>
        <translation>回应(&amp;R)…</translation>
    </message>
    <message>
        <source>Resol&amp;ve…</source>
        <translation>解决(&amp;V)…</translation>
    </message>
    <message>
        <source>Link to an &amp;improvement…</source>
        <translation>关联到改进措施(&amp;I)…</translation>
    </message>
    <message>
        <source>Record the good service &amp;delivered…</source>
        <translation>记录为客户做的好服务(&amp;D)…</translation>
    </message>
    <message>
        <source>New im&amp;provement…</source>
        <translation>新建改进措施(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Mark done</source>
        <translation>标记完成(&amp;M)</translation>
    </message>
    <message>
        <source>Mar&amp;k informed…</source>
        <translation>标记已告知(&amp;K)…</translation>
    </message>
    <message>
        <source>请您说，我们听，我们做 — you speak, we listen, we act.</source>
        <translation>请您说，我们听，我们做。</translation>
    </message>
    <message>
        <source>Overdue ({0})</source>
        <translation>逾期（{0}）</translation>
    </message>
    <message>
        <source>Open, within the deadlines ({0})</source>
        <translation>处理中，未超时（{0}）</translation>
    </message>
    <message>
        <source>Resolved ({0})</source>
        <translation>已解决（{0}）</translation>
    </message>
    <message>
        <source>Improvements ({0})</source>
        <translation>改进措施（{0}）</translation>
    </message>
    <message>
        <source>Customers still to tell ({0})</source>
        <translation>待告知的客户（{0}）</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Complaints · {0} past a deadline</source>
        <translation>投诉 · {0} 件已超时</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Survey answer</source>
        <translation>调查回答</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Complaint of {0} saved.</source>
        <translation>已保存{0}的投诉。</translation>
    </message>
    <message>
        <source>Improvement added.</source>
        <translation>已添加改进措施。</translation>
    </message>
    <message>
        <source>Done: {0}. Tell the customers who asked for it.</source>
        <translation>已完成：{0}。请告知提出这项反馈的客户。</translation>
    </message>
    <message>
        <source>{0} told.</source>
        <translation>已告知{0}。</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>&amp;New complaint…</source>
        <translation>新建投诉(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Respond…</source>
        <translation>回应(&amp;R)…</translation>
    </message>
    <message>
        <source>Resol&amp;ve…</source>
        <translation>解决(&amp;V)…</translation>
    </message>
    <message>
        <source>Link to an &amp;improvement…</source>
        <translation>关联到改进措施(&amp;I)…</translation>
    </message>
    <message>
        <source>Record the good service &amp;delivered…</source>
        <translation>记录为客户做的好服务(&amp;D)…</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次回应</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Apology</source>
        <translation>道歉</translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation>挽回结果</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What we did</source>
        <translation>我们做了什么</translation>
    </message>
    <message>
        <source>Worth to them</source>
        <translation>对客户的价值</translation>
    </message>
    <message>
        <source>Complaints ({0})</source>
        <translation>投诉（{0}）</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>What we did for them this year ({0})</source>
        <translation>今年我们为客户做的事（{0}）</translation>
    </message>
    <message>
        <source>Complaint of {0} saved.</source>
        <translation>已保存{0}的投诉。</translation>
    </message>
    <message>
        <source>Service recorded for {0}.</source>
        <translation>已为{0}记录服务。</translation>
    </message>
</context>
<context>
    <name>ConflictTableModel</name>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Kept by the server</source>
        <translation>服务器保留的值</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>另一个值</translation>
    </message>
    <message>
        <source>On {0}, {1}</source>
        <translation>{0}，{1}</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>These edits were made on two laptops before they synced. The server kept the later one, so that every laptop shows the same; the other is kept here. Choose the value to keep: your choice goes to the team with the next sync.</source>
        <translation>以下修改是两台笔记本在同步之前分别做的。服务器保留了较晚的那一个，让每台笔记本显示相同的内容；另一个值也保存在这里。请选择要保留的值：您的选择会在下次同步时发给团队。</translation>
    </message>
    <message>
        <source>Reading the conflicts…</source>
        <translation>正在读取冲突…</translation>
    </message>
    <message>
        <source>No conflicts: every edit reached the team without a clash.</source>
        <translation>没有冲突：所有修改都已顺利同步给团队。</translation>
    </message>
    <message>
        <source>1 conflict to look at</source>
        <translation>有 1 个冲突待处理</translation>
    </message>
    <message>
        <source>{0} conflicts to look at</source>
        <translation>有 {0} 个冲突待处理</translation>
    </message>
    <message>
        <source>{0} — deleted on one laptop, edited on another</source>
        <translation>{0} — 在一台笔记本上被删除，在另一台上被修改</translation>
    </message>
    <message>
        <source>The edit kept the record on every laptop.</source>
        <translation>因为这次修改，每台笔记本上都保留了这条记录。</translation>
    </message>
    <message>
        <source>Edited on {0}, {1} — kept</source>
        <translation>在 {0} 上修改，{1} — 已保留</translation>
    </message>
    <message>
        <source>Edit: {0}</source>
        <translation>修改内容：{0}</translation>
    </message>
    <message>
        <source>Keep the record</source>
        <translation>保留这条记录</translation>
    </message>
    <message>
        <source>Deleted on {0}, {1}</source>
        <translation>在 {0} 上删除，{1}</translation>
    </message>
    <message>
        <source>Deleting it again removes it on every laptop.</source>
        <translation>再次删除后，每台笔记本上都会删除它。</translation>
    </message>
    <message>
        <source>Delete it</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>On this laptop now: {0}</source>
        <translation>本机当前的值：{0}</translation>
    </message>
    <message>
        <source>Kept by the server</source>
        <translation>服务器保留的值</translation>
    </message>
    <message>
        <source>Edited on {0}, {1}</source>
        <translation>在 {0} 上修改，{1}</translation>
    </message>
    <message>
        <source>Keep this value</source>
        <translation>保留这个值</translation>
    </message>
    <message>
        <source>Not kept</source>
        <translation>未保留的值</translation>
    </message>
    <message>
        <source>Kept {0}; the team gets it with the next sync.</source>
        <translation>已保留 {0}；下次同步时发给团队。</translation>
    </message>
    <message>
        <source>Deleted {0}; the team gets it with the next sync.</source>
        <translation>已删除 {0}；下次同步时发给团队。</translation>
    </message>
    <message>
        <source>{0}: kept {1}; the team gets it with the next sync.</source>
        <translation>{0}：已保留 {1}；下次同步时发给团队。</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Added {0}.</source>
        <translation>已添加 {0}。</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Filled in from the name</source>
        <translation>根据姓名自动填写</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日，如 1980-05-17</translation>
    </message>
    <message>
        <source>Reports to</source>
        <translation>直属上级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Has left the company</source>
        <translation>已离职</translation>
    </message>
    <message>
        <source>Buying roles</source>
        <translation>采购角色</translation>
    </message>
    <message>
        <source>Relationship level</source>
        <translation>关系层级</translation>
    </message>
    <message>
        <source>Why the level changed</source>
        <translation>层级变化原因</translation>
    </message>
    <message>
        <source>e.g. site visit, family dinner</source>
        <translation>例如：参观考察、家庭聚餐</translation>
    </message>
    <message>
        <source>Planned contact</source>
        <translation>接触深度</translation>
    </message>
    <message>
        <source>Attitude to us</source>
        <translation>对我方态度</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>关系层级</translation>
    </message>
    <message>
        <source>Level history</source>
        <translation>层级历史</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>教育</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Personal care notes</source>
        <translation>情感关怀备注</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation>请输入联系人姓名。</translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>关系层级</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>采购角色</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>态度</translation>
    </message>
    <message>
        <source>Reports to</source>
        <translation>直属上级</translation>
    </message>
    <message>
        <source>Has left the company</source>
        <translation>已离职</translation>
    </message>
    <message>
        <source> (left)</source>
        <translation>（已离职）</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>Add contact…</source>
        <translation>添加联系人…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Find duplicates…</source>
        <translation>查找重复…</translation>
    </message>
    <message>
        <source>Export vCard…</source>
        <translation>导出 vCard…</translation>
    </message>
    <message>
        <source>Save these people as a .vcf for a phone</source>
        <translation>将这些联系人保存为 .vcf，可导入手机通讯录</translation>
    </message>
    <message>
        <source>Contacts ({0} suggested)</source>
        <translation>联系人（{0} 条建议）</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <source>Delete {0}? Their history is kept.</source>
        <translation>删除 {0}?其历史记录会保留。</translation>
    </message>
    <message>
        <source>Deleted {0}.</source>
        <translation>已删除 {0}。</translation>
    </message>
</context>
<context>
    <name>CustomerListView</name>
    <message>
        <source>Search name, pinyin or initials (Ctrl+F)</source>
        <translation>搜索名称、拼音或首字母（Ctrl+F）</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Show all customers</source>
        <translation>显示全部客户</translation>
    </message>
    <message>
        <source>Saved view: &lt;b&gt;{0}&lt;/b&gt; — {1}</source>
        <translation>已保存的视图：&lt;b&gt;{0}&lt;/b&gt; — {1}</translation>
    </message>
</context>
<context>
    <name>CustomersBehindDialog</name>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Next visit due</source>
        <translation>下次拜访日期</translation>
    </message>
    <message>
        <source>Enter or double-click opens the customer; this list stays open.</source>
        <translation>按回车或双击打开客户；此列表保持打开。</translation>
    </message>
    <message>
        <source>No customers behind this figure.</source>
        <translation>这个数字背后没有客户。</translation>
    </message>
    <message>
        <source>The first {0} customers, by name.</source>
        <translation>按名称排列的前 {0} 位客户。</translation>
    </message>
    <message>
        <source>1 customer.</source>
        <translation>1 位客户。</translation>
    </message>
    <message>
        <source>{0} customers, by name.</source>
        <translation>{0} 位客户，按名称排列。</translation>
    </message>
</context>
<context>
    <name>DashboardSection</name>
    <message>
        <source>Reading the figures…</source>
        <translation>正在读取看板数字…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the figures again (F5)</source>
        <translation>重新读取看板数字（F5）</translation>
    </message>
    <message>
        <source>Churn, last 12 months</source>
        <translation>流失率（近 12 个月）</translation>
    </message>
    <message>
        <source>Repeat purchase</source>
        <translation>重复购买率</translation>
    </message>
    <message>
        <source>Came by referral</source>
        <translation>推荐来的客户</translation>
    </message>
    <message>
        <source>Overdue visits</source>
        <translation>逾期拜访</translation>
    </message>
    <message>
        <source>Open promises</source>
        <translation>未结承诺</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>未解决投诉</translation>
    </message>
    <message>
        <source>Satisfaction trend: index per month</source>
        <translation>满意度趋势：每月满意度指数</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>客户组</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>赢率</translation>
    </message>
    <message>
        <source>Usual</source>
        <translation>常见</translation>
    </message>
    <message>
        <source>Customers by stage</source>
        <translation>各阶段客户数</translation>
    </message>
    <message>
        <source>Customers by tier</source>
        <translation>各层级客户数</translation>
    </message>
    <message>
        <source>Deals won of those closed, by the customer&apos;s stage when the deal opened.</source>
        <translation>已结束商机中赢单的比例，按商机开始时客户所处阶段分组。</translation>
    </message>
    <message>
        <source>Win rate by group</source>
        <translation>各组赢率</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Warning signs</source>
        <translation>预警信号</translation>
    </message>
    <message>
        <source>Save the scores for saved views</source>
        <translation>保存风险分供视图使用</translation>
    </message>
    <message>
        <source>Saved views that filter on the at-risk score use the scores saved last.</source>
        <translation>按风险分筛选的已保存视图使用最近一次保存的风险分。</translation>
    </message>
    <message>
        <source>Customers at risk</source>
        <translation>风险客户</translation>
    </message>
    <message>
        <source>Stage roadmap: customers at each stage now, and moved up per quarter</source>
        <translation>阶段路径图：各阶段现有客户数及每季度升级数</translation>
    </message>
    <message>
        <source>Saving the at-risk scores</source>
        <translation>正在保存风险分</translation>
    </message>
    <message>
        <source>At-risk scores saved ({0} changed).</source>
        <translation>风险分已保存（{0} 个有变化）。</translation>
    </message>
    <message>
        <source>{0} customers · figures over the last twelve months ({1} – {2})</source>
        <translation>{0} 位客户 · 数字统计近十二个月（{1} – {2}）</translation>
    </message>
    <message>
        <source>Usual churn: 20–40% a year</source>
        <translation>常见流失率：每年 20–40%</translation>
    </message>
    <message>
        <source>{0} of {1} buying customers lost</source>
        <translation>{1} 位购买客户中流失 {0} 位</translation>
    </message>
    <message>
        <source>Retention {0} · usual churn 20–40% a year</source>
        <translation>保留率 {0} · 常见流失率每年 20–40%</translation>
    </message>
    <message>
        <source>Of the customers buying from us a year ago, the share who moved to Lost since. Click for them.</source>
        <translation>一年前在向我们购买的客户中，此后变为流失客户的比例。点击查看这些客户。</translation>
    </message>
    <message>
        <source>No customers were buying a year ago.</source>
        <translation>一年前没有在购买的客户。</translation>
    </message>
    <message>
        <source>{0} of {1} buyers ordered twice or more</source>
        <translation>{1} 位下单客户中 {0} 位下单两次以上</translation>
    </message>
    <message>
        <source>No orders in the last twelve months.</source>
        <translation>近十二个月没有订单。</translation>
    </message>
    <message>
        <source>Of the customers who ordered in the last twelve months, the share who ordered at least twice.</source>
        <translation>近十二个月下过单的客户中，至少下单两次的比例。</translation>
    </message>
    <message>
        <source>{0} of {1} new customers came by a referral</source>
        <translation>{1} 位新客户中 {0} 位来自推荐</translation>
    </message>
    <message>
        <source>No customers added in the last twelve months.</source>
        <translation>近十二个月没有新增客户。</translation>
    </message>
    <message>
        <source>Of the customers added in the last twelve months, the share another customer or a contact referred.</source>
        <translation>近十二个月新增的客户中，由其他客户或联系人推荐而来的比例。</translation>
    </message>
    <message>
        <source>customers past their planned visit day</source>
        <translation>位客户已过计划拜访日</translation>
    </message>
    <message>
        <source>{0} past their due day</source>
        <translation>{0} 项已过期限</translation>
    </message>
    <message>
        <source>Promises made to customers and not kept or closed yet.</source>
        <translation>对客户做出、尚未兑现或关闭的承诺。</translation>
    </message>
    <message>
        <source>{0} past a response or resolution deadline</source>
        <translation>{0} 项已过响应或解决期限</translation>
    </message>
    <message>
        <source>No tier yet</source>
        <translation>尚未分层</translation>
    </message>
    <message>
        <source>A customer gets a tier when tiers are recomputed from the last twelve months&apos; orders.</source>
        <translation>按近十二个月的订单重新计算层级后，客户才会有层级。</translation>
    </message>
    <message>
        <source>No deal closed yet for this group.</source>
        <translation>这一组还没有已结束的商机。</translation>
    </message>
    <message>
        <source>{0} won, {1} lost: below the typical {2}.</source>
        <translation>赢 {0}，输 {1}：低于常见的 {2}。</translation>
    </message>
    <message>
        <source>{0} won, {1} lost: at or above the typical {2}.</source>
        <translation>赢 {0}，输 {1}：达到或高于常见的 {2}。</translation>
    </message>
    <message>
        <source>Step up</source>
        <translation>升级一步</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前状态</translation>
    </message>
    <message>
        <source>What moves a customer up</source>
        <translation>怎样让客户升级</translation>
    </message>
    <message>
        <source>Click a number for the customers behind it: those at the stage now, or those who moved up from it in that quarter.</source>
        <translation>点击数字查看背后的客户：现在处于该阶段的客户，或在该季度从该阶段升级的客户。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Customers at risk: the {0} highest scores</source>
        <translation>风险客户：分数最高的 {0} 位</translation>
    </message>
    <message>
        <source>No customer shows a warning sign: no overdue visit, open complaint, broken promise, falling score or order gap.</source>
        <translation>没有客户出现预警信号：没有逾期拜访、未解决投诉、未兑现承诺、下降的评分或订单中断。</translation>
    </message>
    <message>
        <source>Why is {0} at risk? Score {1} of 100.</source>
        <translation>{0} 为什么有风险？风险分 {1}（满分 100）。</translation>
    </message>
    <message>
        <source>Click or press Enter to open the customer.</source>
        <translation>点击或按回车打开客户。</translation>
    </message>
    <message>
        <source>Customers with open promises</source>
        <translation>有未结承诺的客户</translation>
    </message>
    <message>
        <source>Customers with overdue promises</source>
        <translation>有逾期承诺的客户</translation>
    </message>
    <message>
        <source>Customers with open complaints</source>
        <translation>有未解决投诉的客户</translation>
    </message>
    <message>
        <source>Customers with overdue complaints</source>
        <translation>有逾期投诉的客户</translation>
    </message>
    <message>
        <source>Customers lost in the last twelve months</source>
        <translation>近十二个月流失的客户</translation>
    </message>
    <message>
        <source>Customers who ordered twice or more</source>
        <translation>下单两次以上的客户</translation>
    </message>
    <message>
        <source>Customers who ordered in the last twelve months</source>
        <translation>近十二个月下过单的客户</translation>
    </message>
    <message>
        <source>New customers who came by a referral</source>
        <translation>经推荐而来的新客户</translation>
    </message>
    <message>
        <source>Customers without a tier</source>
        <translation>尚未分层的客户</translation>
    </message>
    <message>
        <source>Customers at stage {0}</source>
        <translation>处于“{0}”阶段的客户</translation>
    </message>
    <message>
        <source>Customers in tier {0}</source>
        <translation>属于“{0}”层级的客户</translation>
    </message>
    <message>
        <source>Customers who moved up from {0} in {1}</source>
        <translation>{1} 从“{0}”升级的客户</translation>
    </message>
</context>
<context>
    <name>DealDialog</name>
    <message>
        <source>New deal</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <source>Edit the deal</source>
        <translation>编辑商机</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>What they would buy, e.g. 2 packing lines</source>
        <translation>客户要买什么，例如两条包装线</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>e.g. 120,000 or 8500.50</source>
        <translation>例如 120,000 或 8500.50</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>e.g. 2026-12-31</source>
        <translation>例如 2026-12-31</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>DealTexts</name>
    <message>
        <source>{0} d</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <source>{0} d so far</source>
        <translation>已 {0} 天</translation>
    </message>
</context>
<context>
    <name>DealsTab</name>
    <message>
        <source>&amp;New deal…</source>
        <translation>新建商机(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Move to…</source>
        <translation>移到阶段(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Team…</source>
        <translation>团队(&amp;T)…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Why lost / notes</source>
        <translation>丢单原因 / 备注</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>推荐人</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add a &amp;referral…</source>
        <translation>添加推荐(&amp;R)…</translation>
    </message>
    <message>
        <source>Remove the referral</source>
        <translation>删除推荐</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>Deals ({0} open)</source>
        <translation>商机（{0} 个进行中）</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Why lost: {0}</source>
        <translation>丢单原因：{0}</translation>
    </message>
    <message>
        <source>No deals with this customer yet. New deal… starts one (Alt+N).</source>
        <translation>这个客户还没有商机。点“新建商机…”开始一个（Alt+N）。</translation>
    </message>
    <message>
        <source>{0} open, worth {1}</source>
        <translation>{0} 个进行中，共 {1}</translation>
    </message>
    <message>
        <source>{0} won, {1} lost</source>
        <translation>赢单 {0} 个，丢单 {1} 个</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>推荐人</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>推荐了</translation>
    </message>
    <message>
        <source>Referrals ({0})</source>
        <translation>推荐（{0}）</translation>
    </message>
    <message>
        <source>Deal “{0}” saved.</source>
        <translation>商机“{0}”已保存。</translation>
    </message>
    <message>
        <source>Saved “{0}”.</source>
        <translation>已保存“{0}”。</translation>
    </message>
    <message>
        <source>“{0}” moved.</source>
        <translation>“{0}”已移动。</translation>
    </message>
    <message>
        <source>The team of “{0}” saved.</source>
        <translation>“{0}”的团队已保存。</translation>
    </message>
    <message>
        <source>Delete the deal</source>
        <translation>删除商机</translation>
    </message>
    <message>
        <source>Delete the deal “{0}” ({1})?</source>
        <translation>删除商机“{0}”（{1}）？</translation>
    </message>
    <message>
        <source>Deal “{0}” deleted.</source>
        <translation>商机“{0}”已删除。</translation>
    </message>
    <message>
        <source>Referral saved.</source>
        <translation>推荐已保存。</translation>
    </message>
    <message>
        <source>Remove the referral of {0} by {1}?</source>
        <translation>删除{1}推荐{0}的记录？</translation>
    </message>
    <message>
        <source>Referral removed.</source>
        <translation>推荐已删除。</translation>
    </message>
</context>
<context>
    <name>DecryptDialog</name>
    <message>
        <source>Turn encryption off</source>
        <translation>关闭加密</translation>
    </message>
    <message>
        <source>The database file and its backups will be stored without encryption: anyone who gets a copy of them can read your customers. Type the passphrase to confirm.</source>
        <translation>数据库文件及其备份将以不加密的方式保存：任何拿到副本的人都能看到您的客户。请输入密码以确认。</translation>
    </message>
</context>
<context>
    <name>DistributionChart</name>
    <message>
        <source>Scores given, per question</source>
        <translation>各问题的评分分布</translation>
    </message>
    <message>
        <source>Answers (count)</source>
        <translation>回答数（个）</translation>
    </message>
    <message>
        <source>Score (1 = very poor, 5 = excellent)</source>
        <translation>分数（1 = 很差，5 = 优秀）</translation>
    </message>
    <message>
        <source>{0}
score {1}: {2} answers ({3:.0f}% of {4})</source>
        <translation>{0}
{1} 分：{2} 个回答（占 {4} 个的 {3:.0f}%）</translation>
    </message>
</context>
<context>
    <name>DuplicateTexts</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>WeChat id</source>
        <translation>微信号</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Reports to</source>
        <translation>上级</translation>
    </message>
    <message>
        <source>Relationship level</source>
        <translation>关系级别</translation>
    </message>
    <message>
        <source>Target level</source>
        <translation>目标级别</translation>
    </message>
    <message>
        <source>Contact depth</source>
        <translation>接触深度</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>态度</translation>
    </message>
    <message>
        <source>Has left</source>
        <translation>已离职</translation>
    </message>
    <message>
        <source>Placeholder</source>
        <translation>占位</translation>
    </message>
    <message>
        <source>Family notes</source>
        <translation>家庭备注</translation>
    </message>
    <message>
        <source>Education notes</source>
        <translation>教育备注</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Do not serve</source>
        <translation>不予服务</translation>
    </message>
    <message>
        <source>Visit every (days)</source>
        <translation>拜访周期（天）</translation>
    </message>
    <message>
        <source>Survey cycle</source>
        <translation>调查周期</translation>
    </message>
    <message>
        <source>1 person</source>
        <translation>1 位联系人</translation>
    </message>
    <message>
        <source>{0} people</source>
        <translation>{0} 位联系人</translation>
    </message>
    <message>
        <source>1 visit</source>
        <translation>1 次拜访</translation>
    </message>
    <message>
        <source>{0} visits</source>
        <translation>{0} 次拜访</translation>
    </message>
    <message>
        <source>1 note</source>
        <translation>1 条情报</translation>
    </message>
    <message>
        <source>{0} notes</source>
        <translation>{0} 条情报</translation>
    </message>
    <message>
        <source>1 promise</source>
        <translation>1 项承诺</translation>
    </message>
    <message>
        <source>{0} promises</source>
        <translation>{0} 项承诺</translation>
    </message>
    <message>
        <source>1 survey</source>
        <translation>1 份调查</translation>
    </message>
    <message>
        <source>{0} surveys</source>
        <translation>{0} 份调查</translation>
    </message>
    <message>
        <source>1 complaint</source>
        <translation>1 件投诉</translation>
    </message>
    <message>
        <source>{0} complaints</source>
        <translation>{0} 件投诉</translation>
    </message>
    <message>
        <source>1 deal</source>
        <translation>1 个商机</translation>
    </message>
    <message>
        <source>{0} deals</source>
        <translation>{0} 个商机</translation>
    </message>
    <message>
        <source>1 order</source>
        <translation>1 张订单</translation>
    </message>
    <message>
        <source>{0} orders</source>
        <translation>{0} 张订单</translation>
    </message>
    <message>
        <source>1 link</source>
        <translation>1 条连线</translation>
    </message>
    <message>
        <source>{0} links</source>
        <translation>{0} 条连线</translation>
    </message>
    <message>
        <source>1 place on the map</source>
        <translation>1 个地图位置</translation>
    </message>
    <message>
        <source>{0} places on the map</source>
        <translation>{0} 个地图位置</translation>
    </message>
    <message>
        <source>1 level change</source>
        <translation>1 条关系级别变更</translation>
    </message>
    <message>
        <source>{0} level changes</source>
        <translation>{0} 条关系级别变更</translation>
    </message>
    <message>
        <source>1 stage change</source>
        <translation>1 条阶段变更</translation>
    </message>
    <message>
        <source>{0} stage changes</source>
        <translation>{0} 条阶段变更</translation>
    </message>
    <message>
        <source>1 tag</source>
        <translation>1 个标签</translation>
    </message>
    <message>
        <source>{0} tags</source>
        <translation>{0} 个标签</translation>
    </message>
    <message>
        <source>1 referral</source>
        <translation>1 条转介绍</translation>
    </message>
    <message>
        <source>{0} referrals</source>
        <translation>{0} 条转介绍</translation>
    </message>
    <message>
        <source>1 other record</source>
        <translation>1 条其他记录</translation>
    </message>
    <message>
        <source>{0} other records</source>
        <translation>{0} 条其他记录</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Duplicates among this customer&apos;s people</source>
        <translation>本客户联系人中的重复记录</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>查找重复</translation>
    </message>
    <message>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Not the same</source>
        <translation>不是同一个</translation>
    </message>
    <message>
        <source>Undo last merge</source>
        <translation>撤销上次合并</translation>
    </message>
    <message>
        <source>Undo this merge</source>
        <translation>撤销这次合并</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>可能重复</translation>
    </message>
    <message>
        <source>Merge history</source>
        <translation>合并记录</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>正在查找重复记录…</translation>
    </message>
    <message>
        <source>No duplicates found.</source>
        <translation>没有发现重复记录。</translation>
    </message>
    <message>
        <source>1 possible duplicate</source>
        <translation>1 对可能重复</translation>
    </message>
    <message>
        <source>{0} possible duplicates</source>
        <translation>{0} 对可能重复</translation>
    </message>
    <message>
        <source>Merged {0} into {1}. Undo last merge takes it back.</source>
        <translation>已将{0}合并到{1}。点“撤销上次合并”可恢复。</translation>
    </message>
    <message>
        <source>{0} and {1} will not be proposed again.</source>
        <translation>{0}和{1}今后不再作为重复提出。</translation>
    </message>
    <message>
        <source>Undid the merge of {0} into {1}: both are back.</source>
        <translation>已撤销将{0}合并到{1}：两条记录均已恢复。</translation>
    </message>
</context>
<context>
    <name>DuplicatesModel</name>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>文件中</translation>
    </message>
    <message>
        <source>Already in TrustDesk</source>
        <translation>TrustDesk 中已有</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>{0}, as line {1} of this file</source>
        <translation>{0}，与本文件第 {1} 行相同</translation>
    </message>
    <message>
        <source>{0}
(line {1} of this file)</source>
        <translation>{0}
（本文件第 {1} 行）</translation>
    </message>
</context>
<context>
    <name>EmptyMapHint</name>
    <message>
        <source>No one is on this map yet. Add the first person you know at this customer.</source>
        <translation>地图上还没有人。先添加你在这个客户认识的第一个人。</translation>
    </message>
</context>
<context>
    <name>EncryptDialog</name>
    <message>
        <source>Turn encryption on</source>
        <translation>开启加密</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>Remember on this device (OS keyring)</source>
        <translation>在本设备上记住（系统钥匙串）</translation>
    </message>
    <message>
        <source>TrustDesk then opens on this computer without asking; a copy of the file elsewhere, and the lock screen, still need the passphrase.</source>
        <translation>此后在这台电脑上打开 TrustDesk 无需输入密码；在别处打开文件副本以及解除锁屏仍需要密码。</translation>
    </message>
    <message>
        <source>Not available: this computer has no secure keyring, so TrustDesk will ask for the passphrase when it starts.</source>
        <translation>不可用：这台电脑没有安全钥匙串，TrustDesk 启动时会要求输入密码。</translation>
    </message>
    <message>
        <source>If the passphrase is forgotten, the data cannot be recovered: not by TrustDesk, not by anyone. Write it down and keep it somewhere safe.</source>
        <translation>如果忘记密码，数据将无法恢复：TrustDesk 和任何人都无能为力。请把密码记下来并妥善保管。</translation>
    </message>
    <message>
        <source>The database file and its backups will be encrypted: without the passphrase, a copy of them shows nothing of your customers. A backup is made first.</source>
        <translation>数据库文件及其备份将被加密：没有密码，任何副本都看不到您的客户信息。加密前会先做一次备份。</translation>
    </message>
    <message>
        <source>The passphrase must be at least {0} characters long.</source>
        <translation>密码至少需要 {0} 个字符。</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>TrustDesk hit an unexpected problem: {0}</source>
        <translation>TrustDesk 遇到意外问题：{0}</translation>
    </message>
    <message>
        <source>Your saved data is safe: an unfinished change is not written. Try again; if it keeps happening, send the log file to support:
{0}</source>
        <translation>已保存的数据是安全的：未完成的修改不会写入。请重试；如果问题反复出现，请把日志文件发给技术支持：
{0}</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法执行</translation>
    </message>
</context>
<context>
    <name>ExportCommands</name>
    <message>
        <source>One ZIP file (*.zip)</source>
        <translation>一个 ZIP 文件 (*.zip)</translation>
    </message>
    <message>
        <source>A new folder (*)</source>
        <translation>新文件夹 (*)</translation>
    </message>
    <message>
        <source>Export everything</source>
        <translation>导出全部数据</translation>
    </message>
    <message>
        <source>Exporting everything…</source>
        <translation>正在导出全部数据…</translation>
    </message>
    <message>
        <source>Exported {0} tables ({1} rows, deleted records included) and the spreadsheets of {2} customers and {3} contacts to:
{4}</source>
        <translation>已导出 {0} 张表（{1} 行，含已删除的记录）以及 {2} 个客户和 {3} 位联系人的表格，保存在：
{4}</translation>
    </message>
    <message>
        <source>Exported everything to {0}.</source>
        <translation>已将全部数据导出到 {0}。</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Back up to</source>
        <translation>备份到</translation>
    </message>
    <message>
        <source>TrustDesk backup (*.sqlite3)</source>
        <translation>TrustDesk 备份 (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backed up to {0}.</source>
        <translation>已备份到 {0}。</translation>
    </message>
    <message>
        <source>The database was backed up to:
{0}

It is one file. To restore it, run &apos;trustdesk db restore {0}&apos;.</source>
        <translation>数据库已备份到：
{0}

备份是一个文件。如需恢复，请运行“trustdesk db restore {0}”。</translation>
    </message>
    <message>
        <source>Export contacts (vCard)</source>
        <translation>导出联系人（vCard）</translation>
    </message>
    <message>
        <source>vCard (*.vcf)</source>
        <translation>vCard 名片 (*.vcf)</translation>
    </message>
    <message>
        <source>Saved {0} contact cards of {1} to {2}.</source>
        <translation>已将 {1} 的 {0} 张联系人名片保存到 {2}。</translation>
    </message>
</context>
<context>
    <name>FollowUpDoneDialog</name>
    <message>
        <source>Follow-up done</source>
        <translation>跟进完成</translation>
    </message>
    <message>
        <source>{0}: {1} — score {2}</source>
        <translation>{0}：{1} — {2} 分</translation>
    </message>
    <message>
        <source>The customer said: {0}</source>
        <translation>客户说：{0}</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>处理结果</translation>
    </message>
</context>
<context>
    <name>FollowUpPicker</name>
    <message>
        <source>Open a complaint from a low survey score</source>
        <translation>从低分调查开投诉</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>What they said</source>
        <translation>客户原话</translation>
    </message>
    <message>
        <source>Surveyed</source>
        <translation>调查日期</translation>
    </message>
    <message>
        <source>Reading the survey follow-ups…</source>
        <translation>正在读取调查跟进任务…</translation>
    </message>
    <message>
        <source>Dissatisfied answers (score 1–3) still to follow up: Enter opens a complaint.</source>
        <translation>待跟进的不满意回答（1–3分）：按回车开投诉。</translation>
    </message>
    <message>
        <source>No dissatisfied survey answer is waiting for a follow-up.</source>
        <translation>没有待跟进的不满意调查回答。</translation>
    </message>
</context>
<context>
    <name>GiveUpDialog</name>
    <message>
        <source>Give up winning back</source>
        <translation>放弃挽回</translation>
    </message>
    <message>
        <source>Why give up winning back {0}?</source>
        <translation>为什么放弃挽回 {0}？</translation>
    </message>
    <message>
        <source>Give up</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Say why, so that the next person knows.</source>
        <translation>请说明原因，让接手的人也清楚。</translation>
    </message>
</context>
<context>
    <name>ImportDuplicatesPage</name>
    <message>
        <source>Duplicates</source>
        <translation>重复记录</translation>
    </message>
    <message>
        <source>Rows that seem to be someone already in TrustDesk are skipped unless you choose otherwise. Nothing is merged on its own.</source>
        <translation>看起来已在 TrustDesk 中的人默认跳过，除非您另作选择。系统不会自动合并。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Apply to all</source>
        <translation>全部应用</translation>
    </message>
    <message>
        <source>For every duplicate:</source>
        <translation>所有重复记录：</translation>
    </message>
    <message>
        <source>Show or save them…</source>
        <translation>查看或保存…</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>正在查找重复记录…</translation>
    </message>
    <message>
        <source>Cancelled; nothing was looked at.</source>
        <translation>已取消，未查找重复记录。</translation>
    </message>
    <message>
        <source>New: {0}. Seem to be someone already here, or repeat an earlier row of the file: {1}. Choose what to do with each.</source>
        <translation>新增：{0}。似乎已存在或与文件中前面的行重复：{1}，请逐一选择处理方式。</translation>
    </message>
    <message>
        <source>New: {0}. No duplicates: no row matches someone already in TrustDesk.</source>
        <translation>新增：{0}。没有重复：没有任何一行与 TrustDesk 中已有的人相同。</translation>
    </message>
    <message>
        <source>Cannot be imported: {0} (each with the reason).</source>
        <translation>无法导入：{0} 行（均列出原因）。</translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>A CSV file (UTF-8, GB18030/GBK, Big5 or UTF-16), an Excel workbook (.xlsx) or a phone&apos;s address book saved as vCard (.vcf). Nothing is saved until the last step.</source>
        <translation>CSV 文件（UTF-8、GB18030/GBK、Big5 或 UTF-16）、Excel 工作簿（.xlsx），或手机通讯录导出的 vCard 文件（.vcf）。在最后一步之前不会保存任何内容。</translation>
    </message>
    <message>
        <source>The file to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Import contacts and customers</source>
        <translation>导入联系人和客户</translation>
    </message>
    <message>
        <source>Contacts (*.csv *.xlsx *.vcf)</source>
        <translation>联系人文件 (*.csv *.xlsx *.vcf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>vCard (*.vcf)</source>
        <translation>vCard 名片 (*.vcf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>There is no file {0}.</source>
        <translation>文件 {0} 不存在。</translation>
    </message>
    <message>
        <source>Read {0}.</source>
        <translation>已读取 {0}。</translation>
    </message>
    <message>
        <source>Cancelled; the file was not read.</source>
        <translation>已取消，未读取文件。</translation>
    </message>
</context>
<context>
    <name>ImportMappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>对应各列</translation>
    </message>
    <message>
        <source>Choose where each column of the file goes. The choice is remembered for files with the same columns.</source>
        <translation>请为文件的每一列选择要导入到哪个字段。列相同的文件下次会沿用这次的选择。</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>People without a company:</source>
        <translation>没有公司的人：</translation>
    </message>
    <message>
        <source>As you matched them last time for a file with these columns.</source>
        <translation>沿用上次为相同列的文件所做的对应。</translation>
    </message>
    <message>
        <source>Guessed from the column names; check them.</source>
        <translation>根据列名自动推测，请检查。</translation>
    </message>
</context>
<context>
    <name>ImportPreviewPage</name>
    <message>
        <source>Check the first rows</source>
        <translation>检查前几行</translation>
    </message>
    <message>
        <source>If names show as nonsense characters, choose another encoding: the file is read again.</source>
        <translation>如果姓名显示为乱码，请换一种编码，文件会重新读取。</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>文本编码：</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>vCard</source>
        <translation>vCard 名片</translation>
    </message>
    <message>
        <source>detected</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>手动选择</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>{0} · {1} · {2}</source>
        <translation>{0} · {1} · {2}</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>The file has no rows to import below its headers.</source>
        <translation>文件的标题行下面没有可导入的行。</translation>
    </message>
    <message>
        <source>Rows to import: {0}</source>
        <translation>待导入的行：{0}</translation>
    </message>
    <message>
        <source>rows that could not be read: {0} (listed before the import)</source>
        <translation>无法读取的行：{0}（导入前会列出）</translation>
    </message>
    <message>
        <source>the first {0} are shown</source>
        <translation>下面显示前 {0} 行</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Cancelled; the file is shown as it was read.</source>
        <translation>已取消，仍按原来的读取结果显示。</translation>
    </message>
</context>
<context>
    <name>ImportRunPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Everything is written in one go: a cancel or a problem leaves TrustDesk as it was.</source>
        <translation>所有内容一次写入：取消或出现问题时，TrustDesk 保持原样。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Added as new:</source>
        <translation>新增：</translation>
    </message>
    <message>
        <source>Updated from the file:</source>
        <translation>按文件更新：</translation>
    </message>
    <message>
        <source>Merged (blanks filled):</source>
        <translation>合并（只补空白）：</translation>
    </message>
    <message>
        <source>Skipped:</source>
        <translation>跳过：</translation>
    </message>
    <message>
        <source>Not imported:</source>
        <translation>未导入：</translation>
    </message>
    <message>
        <source>New customers:</source>
        <translation>新客户：</translation>
    </message>
    <message>
        <source>Save the rows not imported as CSV…</source>
        <translation>将未导入的行保存为 CSV…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Imported. The customer list shows the new people and customers.</source>
        <translation>导入完成。客户列表中已显示新的联系人和客户。</translation>
    </message>
    <message>
        <source>Cancelled; nothing was imported.</source>
        <translation>已取消，未导入任何内容。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import contacts and customers</source>
        <translation>导入联系人和客户</translation>
    </message>
</context>
<context>
    <name>IndexChart</name>
    <message>
        <source>Satisfaction index per month</source>
        <translation>每月满意度指数</translation>
    </message>
    <message>
        <source>Index (points, −100 to +100)</source>
        <translation>指数（百分点，−100 至 +100）</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>{0}: index {1:+.0f}
{2} scores: {3} of 5, {4} of 1–3</source>
        <translation>{0}：指数 {1:+.0f}
共 {2} 个评分：5 分 {3} 个，1–3 分 {4} 个</translation>
    </message>
</context>
<context>
    <name>InformDialog</name>
    <message>
        <source>Mark informed</source>
        <translation>标记已告知</translation>
    </message>
    <message>
        <source>How they were told</source>
        <translation>告知方式</translation>
    </message>
    <message>
        <source>e.g. phone call with the buyer, at the visit</source>
        <translation>例如：电话告知采购、拜访时当面告知</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Told {0} that this is done: {1}</source>
        <translation>已告知{0}这项改进已完成：{1}</translation>
    </message>
</context>
<context>
    <name>InstalledDialog</name>
    <message>
        <source>Installed product</source>
        <translation>已安装产品</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>e.g. CT scanner, model and serial</source>
        <translation>例如 CT 扫描仪，型号和序列号</translation>
    </message>
    <message>
        <source>Installed on</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>e.g. 2022-03-01</source>
        <translation>例如 2022-03-01</translation>
    </message>
    <message>
        <source>Replace by</source>
        <translation>预计更换日期</translation>
    </message>
    <message>
        <source>e.g. 2027-03-01</source>
        <translation>例如 2027-03-01</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>IntelNoteDialog</name>
    <message>
        <source>Intelligence note — {0}</source>
        <translation>情报 — {0}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What you learned</source>
        <translation>获悉的情况</translation>
    </message>
    <message>
        <source>About</source>
        <translation>涉及人员</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Mark this person as departed</source>
        <translation>将此人标记为已离职</translation>
    </message>
</context>
<context>
    <name>LinkImprovementDialog</name>
    <message>
        <source>Link to an improvement</source>
        <translation>关联到改进措施</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>改进措施</translation>
    </message>
    <message>
        <source>(a new improvement)</source>
        <translation>（新的改进措施）</translation>
    </message>
    <message>
        <source>What we will change</source>
        <translation>我们要改什么</translation>
    </message>
    <message>
        <source>e.g. Confirm delivery dates in writing</source>
        <translation>例如：交期书面确认</translation>
    </message>
    <message>
        <source>Due (YYYY-MM-DD)</source>
        <translation>期限（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>Complaint of {0}: {1}</source>
        <translation>{0}的投诉：{1}</translation>
    </message>
</context>
<context>
    <name>LoadingList</name>
    <message>
        <source>Loading customers…</source>
        <translation>正在载入客户…</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>TrustDesk — Locked</source>
        <translation>TrustDesk — 已锁定</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>The database is closed. Enter the passphrase to open it again.</source>
        <translation>数据库已关闭。请输入密码重新打开。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>LogVisitDialog</name>
    <message>
        <source>Logged a visit to {0}.</source>
        <translation>已记录对{0}的拜访。</translation>
    </message>
    <message>
        <source>Planned a visit to {0}.</source>
        <translation>已安排对{0}的拜访。</translation>
    </message>
    <message>
        <source>Edit visit</source>
        <translation>编辑拜访</translation>
    </message>
    <message>
        <source>Log visit</source>
        <translation>记录拜访</translation>
    </message>
    <message>
        <source>Type a customer&apos;s name or pinyin</source>
        <translation>输入客户名称或拼音</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Plan a visit (not done yet)</source>
        <translation>计划拜访（尚未进行）</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Filter people</source>
        <translation>筛选人员</translation>
    </message>
    <message>
        <source>People met</source>
        <translation>接触人员</translation>
    </message>
    <message>
        <source>Alt+{0}</source>
        <translation>Alt+{0}</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>接触功能</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Next step due</source>
        <translation>下一步期限</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Gift value (yuan)</source>
        <translation>礼品价值（元）</translation>
    </message>
    <message>
        <source>Intelligence note</source>
        <translation>情报</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What you learned</source>
        <translation>获悉的情况</translation>
    </message>
    <message>
        <source>About</source>
        <translation>涉及人员</translation>
    </message>
    <message>
        <source>Mark this person as departed</source>
        <translation>将此人标记为已离职</translation>
    </message>
    <message>
        <source>Commitment made</source>
        <translation>做出的承诺</translation>
    </message>
    <message>
        <source>What was promised</source>
        <translation>承诺内容</translation>
    </message>
    <message>
        <source>To whom</source>
        <translation>承诺对象</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Bottom line</source>
        <translation>底线</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Save and fill survey…</source>
        <translation>保存并填写调查…</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Plan a visit</source>
        <translation>计划拜访</translation>
    </message>
    <message>
        <source>Above the gift ceiling of {0} yuan: it will be flagged.</source>
        <translation>超过单件礼品价值上限 {0} 元：将被标记。</translation>
    </message>
    <message>
        <source>Needs approval: beyond the limit ({0} {1} {2}).</source>
        <translation>需要审批：超出底线（{0} {1} {2}）。</translation>
    </message>
    <message>
        <source>Choose the customer first.</source>
        <translation>请先选择客户。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>TrustDesk — {0}</source>
        <translation>TrustDesk 客户信任管理 — {0}</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Surveys</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Read-only: this database&apos;s file or folder cannot be written, so changes are off. Copy it to a folder you can write to in order to edit it.</source>
        <translation>只读：无法写入此数据库的文件或所在文件夹，修改功能已关闭。如需编辑，请将它复制到可写的文件夹。</translation>
    </message>
    <message>
        <source>Surveys · {0} overdue</source>
        <translation>调查 · {0} 个逾期</translation>
    </message>
    <message>
        <source>Complaints · {0} overdue</source>
        <translation>投诉 · {0} 件超时</translation>
    </message>
    <message>
        <source>Saved the view {0}.</source>
        <translation>已保存视图“{0}”。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New customer…</source>
        <translation>新建客户(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Import contacts and customers…</source>
        <translation>导入联系人和客户(&amp;I)…</translation>
    </message>
    <message>
        <source>Export &amp;calendar (.ics)…</source>
        <translation>导出日历 (.ics)(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Export &amp;everything…</source>
        <translation>导出全部数据(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Back up to…</source>
        <translation>备份到(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Find customer</source>
        <translation>查找客户(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cancel edits</source>
        <translation>撤销修改(&amp;C)</translation>
    </message>
    <message>
        <source>Standard &amp;answers…</source>
        <translation>标准回答(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Manage standard answers…</source>
        <translation>管理标准回答(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Log visit…</source>
        <translation>记录拜访(&amp;L)…</translation>
    </message>
    <message>
        <source>Change &amp;stage…</source>
        <translation>变更客户阶段(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Close customer</source>
        <translation>关闭客户(&amp;C)</translation>
    </message>
    <message>
        <source>Export contacts (&amp;vCard)…</source>
        <translation>导出联系人 vCard(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Promises needing approval…</source>
        <translation>待审批的承诺(&amp;P)…</translation>
    </message>
    <message>
        <source>Value &amp;tiers…</source>
        <translation>客户价值分级(&amp;T)…</translation>
    </message>
    <message>
        <source>New saved &amp;view…</source>
        <translation>新建保存的视图(&amp;V)…</translation>
    </message>
    <message>
        <source>Find &amp;duplicates…</source>
        <translation>查找重复(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>团队(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>Team &amp;server…</source>
        <translation>团队服务器(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About TrustDesk</source>
        <translation>关于 TrustDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Lock TrustDesk: close the database until the passphrase is given again.</source>
        <translation>锁定 TrustDesk：关闭数据库，直到再次输入密码。</translation>
    </message>
    <message>
        <source>Locking needs an encrypted database: turn encryption on in Settings → Security.</source>
        <translation>锁定需要加密的数据库：请在“设置 → 安全”中开启加密。</translation>
    </message>
    <message>
        <source>Visits · {0} overdue</source>
        <translation>拜访 · {0} 个逾期</translation>
    </message>
    <message>
        <source>Added {0}.</source>
        <translation>已添加 {0}。</translation>
    </message>
    <message>
        <source>Imported: {0} new, {1} updated, {2} merged, {3} skipped, {4} not imported.</source>
        <translation>已导入：新增 {0}，更新 {1}，合并 {2}，跳过 {3}，未导入 {4}。</translation>
    </message>
    <message>
        <source>{0}+ customers</source>
        <translation>{0}+ 个客户</translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation>1 个客户</translation>
    </message>
    <message>
        <source>{0} customers</source>
        <translation>{0} 个客户</translation>
    </message>
    <message>
        <source>Copied: {0}</source>
        <translation>已复制：{0}</translation>
    </message>
    <message>
        <source>Saved {0} ({1} entries).</source>
        <translation>已保存 {0}（{1} 条）。</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>About TrustDesk</source>
        <translation>关于 TrustDesk</translation>
    </message>
    <message>
        <source>TrustDesk {0}
Account management for the salesperson on the road.</source>
        <translation>TrustDesk {0}
为外勤销售人员打造的客户管理工具。</translation>
    </message>
    <message>
        <source>Data folder: {0}</source>
        <translation>数据文件夹：{0}</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <source>Backups: {0}</source>
        <translation>备份：{0}</translation>
    </message>
    <message>
        <source>Log: {0}</source>
        <translation>日志：{0}</translation>
    </message>
    <message>
        <source>Uninstalling or updating TrustDesk leaves this folder as it is; a newer version upgrades the database in it (after a backup).</source>
        <translation>卸载或更新 TrustDesk 不会改动此文件夹；新版本会先备份，再升级其中的数据库。</translation>
    </message>
</context>
<context>
    <name>ManageAnswersDialog</name>
    <message>
        <source>Manage standard answers</source>
        <translation>管理标准回答</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Delete answer</source>
        <translation>删除回答</translation>
    </message>
    <message>
        <source>Delete “{0}”?</source>
        <translation>删除“{0}”？</translation>
    </message>
</context>
<context>
    <name>MapTab</name>
    <message>
        <source>Add contact…</source>
        <translation>添加联系人…</translation>
    </message>
    <message>
        <source>Re-layout</source>
        <translation>重新布局</translation>
    </message>
    <message>
        <source>Fit to view</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <source>Click a risk to highlight the people concerned.</source>
        <translation>点击一条风险，地图上会突出显示相关的人。</translation>
    </message>
    <message>
        <source>Relationship scope: {0}</source>
        <translation>关系范围：{0}</translation>
    </message>
    <message>
        <source>No coverage risk found.</source>
        <translation>未发现关系覆盖风险。</translation>
    </message>
    <message>
        <source>Arrangement saved.</source>
        <translation>已保存地图布局。</translation>
    </message>
    <message>
        <source>Laid out by reporting lines.</source>
        <translation>已按汇报关系重新布局。</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>Change level</source>
        <translation>调整关系层级</translation>
    </message>
    <message>
        <source>Group by department</source>
        <translation>按部门分组</translation>
    </message>
    <message>
        <source>Find a person on the map…</source>
        <translation>在地图上查找联系人…</translation>
    </message>
    <message>
        <source>Relationship map</source>
        <translation>关系地图</translation>
    </message>
    <message>
        <source>No one on this map matches.</source>
        <translation>地图上没有匹配的人。</translation>
    </message>
    <message>
        <source>{0} ({1} of {2})</source>
        <translation>{0}（第 {1} 个，共 {2} 个）</translation>
    </message>
    <message>
        <source>Why does the level change to {0}?</source>
        <translation>为什么调整为“{0}”?</translation>
    </message>
    <message>
        <source>{0} is now {1}.</source>
        <translation>{0} 现在是{1}。</translation>
    </message>
    <message>
        <source>Link added.</source>
        <translation>已添加连线。</translation>
    </message>
    <message>
        <source>Link removed.</source>
        <translation>已删除连线。</translation>
    </message>
    <message>
        <source>Click the other person (Esc cancels).</source>
        <translation>请点击另一个人（Esc 取消）。</translation>
    </message>
    <message>
        <source>Export the relationship map</source>
        <translation>导出关系地图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Edit {0}…</source>
        <translation>编辑 {0}…</translation>
    </message>
    <message>
        <source>Log visit with {0}…</source>
        <translation>记录与{0}的拜访…</translation>
    </message>
    <message>
        <source>Survey with {0}…</source>
        <translation>与{0}做调查…</translation>
    </message>
    <message>
        <source>Accept suggested level: {0}</source>
        <translation>接受建议的关系等级：{0}</translation>
    </message>
    <message>
        <source>Dismiss suggested level</source>
        <translation>忽略建议的关系等级</translation>
    </message>
    <message>
        <source>Add link from here</source>
        <translation>从此人添加连线</translation>
    </message>
    <message>
        <source>{0}… (then click the other person)</source>
        <translation>{0}…（然后点击另一个人）</translation>
    </message>
    <message>
        <source>Add someone reporting to {0}…</source>
        <translation>添加向 {0} 汇报的人…</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>删除连线</translation>
    </message>
</context>
<context>
    <name>MergeTableModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>被合并的记录</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>合并到</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Undone {0}</source>
        <translation>{0} 已撤销</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move the deal</source>
        <translation>移动商机</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>移到</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Why it was lost</source>
        <translation>丢单原因</translation>
    </message>
    <message>
        <source>e.g. price 8% above the rival&apos;s; delivery too late</source>
        <translation>例如：价格比对手高 8%；交期太晚</translation>
    </message>
    <message>
        <source>Say why the deal was lost: it is how the next one is won.</source>
        <translation>请写下丢单原因：下一单就靠它赢回来。</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>客户阶段</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Separate tags with commas</source>
        <translation>多个标签用逗号分隔</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name.</source>
        <translation>请输入客户名称。</translation>
    </message>
</context>
<context>
    <name>NewComplaintDialog</name>
    <message>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <source>Type a customer&apos;s name or pinyin</source>
        <translation>输入客户名称或拼音</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>客户说了什么</translation>
    </message>
    <message>
        <source>In the customer&apos;s words: what went wrong, what they expect</source>
        <translation>用客户的原话：哪里出了问题，客户期望什么</translation>
    </message>
    <message>
        <source>Opened from a dissatisfied survey answer; it stays linked.</source>
        <translation>由不满意的调查回答开出，两者保持关联。</translation>
    </message>
    <message>
        <source>(not said)</source>
        <translation>（未说明）</translation>
    </message>
    <message>
        <source>Choose the customer first.</source>
        <translation>请先选择客户。</translation>
    </message>
</context>
<context>
    <name>NewImprovementDialog</name>
    <message>
        <source>New improvement</source>
        <translation>新建改进措施</translation>
    </message>
    <message>
        <source>What we will change</source>
        <translation>我们要改什么</translation>
    </message>
    <message>
        <source>e.g. Confirm delivery dates in writing</source>
        <translation>例如：交期书面确认</translation>
    </message>
    <message>
        <source>Due (YYYY-MM-DD)</source>
        <translation>期限（YYYY-MM-DD）</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>已取消，未做任何修改。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>New order</source>
        <translation>新建订单</translation>
    </message>
    <message>
        <source>Ordered on</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Optional, e.g. PO-2026-118</source>
        <translation>可不填，例如 PO-2026-118</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount (line total)</source>
        <translation>金额（本行合计）</translation>
    </message>
    <message>
        <source>Margin (optional)</source>
        <translation>毛利（可不填）</translation>
    </message>
    <message>
        <source>Add a &amp;line</source>
        <translation>添加一行(&amp;L)</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Total: {0}</source>
        <translation>合计：{0}</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>margin</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Line {0}: the {1} “{2}” is not an amount; write it like 12,000 or 12000.50 (not negative, at most 2 decimals).</source>
        <translation>第 {0} 行：{1}“{2}”不是金额，请写成 12,000 或 12000.50 这样（不能为负数，最多两位小数）。</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <source>New &amp;order…</source>
        <translation>新建订单(&amp;O)…</translation>
    </message>
    <message>
        <source>Delete the order</source>
        <translation>删除订单</translation>
    </message>
    <message>
        <source>Ordered on</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <source>Order / product</source>
        <translation>订单 / 产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Installed on</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>Replace by</source>
        <translation>预计更换日期</translation>
    </message>
    <message>
        <source>Offer the replacement from</source>
        <translation>提醒更换日期</translation>
    </message>
    <message>
        <source>Add an &amp;installed product…</source>
        <translation>添加已安装产品(&amp;I)…</translation>
    </message>
    <message>
        <source>Remove the product</source>
        <translation>删除产品</translation>
    </message>
    <message>
        <source>Orders &amp; products · {0} to replace</source>
        <translation>订单与产品 · {0} 个待更换</translation>
    </message>
    <message>
        <source>Orders &amp; products</source>
        <translation>订单与产品</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>{0} · 1 line</source>
        <translation>{0} · 1 行</translation>
    </message>
    <message>
        <source>{0} · {1} lines</source>
        <translation>{0} · {1} 行</translation>
    </message>
    <message>
        <source>No orders yet.</source>
        <translation>还没有订单。</translation>
    </message>
    <message>
        <source>1 order, {1} in all</source>
        <translation>1 个订单，共 {1}</translation>
    </message>
    <message>
        <source>{0} orders, {1} in all</source>
        <translation>{0} 个订单，共 {1}</translation>
    </message>
    <message>
        <source>⚠ {0} — offer it now</source>
        <translation>⚠ {0} — 现在就该联系更换</translation>
    </message>
    <message>
        <source>{0} to offer a replacement now</source>
        <translation>{0} 个产品现在该联系更换</translation>
    </message>
    <message>
        <source>Installed products ({0})</source>
        <translation>已安装产品（{0}）</translation>
    </message>
    <message>
        <source>Order saved: {0}.</source>
        <translation>订单已保存：{0}。</translation>
    </message>
    <message>
        <source>Delete the order of {0} ({1})?</source>
        <translation>删除 {0} 的订单（{1}）？</translation>
    </message>
    <message>
        <source>Order deleted.</source>
        <translation>订单已删除。</translation>
    </message>
    <message>
        <source>Installed product saved.</source>
        <translation>已安装产品已保存。</translation>
    </message>
    <message>
        <source>Remove {0} from the installed products?</source>
        <translation>从已安装产品中删除“{0}”？</translation>
    </message>
    <message>
        <source>Product removed.</source>
        <translation>产品已删除。</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Separate tags with commas</source>
        <translation>多个标签用逗号分隔</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Change stage…</source>
        <translation>变更阶段…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>客户阶段</translation>
    </message>
    <message>
        <source>Lifecycle stage</source>
        <translation>客户阶段</translation>
    </message>
    <message>
        <source>Promises</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Do not serve this customer</source>
        <translation>不再为该客户服务</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>Do not serve</source>
        <translation>不予服务</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>No overdue or broken promises.</source>
        <translation>没有逾期或未能兑现的承诺。</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>未能兑现</translation>
    </message>
    <message>
        <source>Overdue since {0}</source>
        <translation>自 {0} 起逾期</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>Since {0}</source>
        <translation>自 {0} 起</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name.</source>
        <translation>请输入客户名称。</translation>
    </message>
    <message>
        <source>Say why this customer is not to be served.</source>
        <translation>请说明不再服务该客户的原因。</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>{0} is now {1}.</source>
        <translation>{0} 现在是{1}。</translation>
    </message>
</context>
<context>
    <name>PairTableModel</name>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>可能的重复</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>相同内容</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Written differently: traditional or simplified characters, full or half width, case</source>
        <translation>写法不同：繁体或简体、全角或半角、大小写</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>TrustDesk — Passphrase</source>
        <translation>TrustDesk — 密码</translation>
    </message>
    <message>
        <source>{0} is encrypted.</source>
        <translation>{0} 已加密。</translation>
    </message>
    <message>
        <source>Enter its passphrase to open it.</source>
        <translation>请输入密码以打开它。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>PassphraseEntry</name>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Type the passphrase.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>PipelineSection</name>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>负责人(&amp;O)：</translation>
    </message>
    <message>
        <source>Open deals, the most valuable first; won and lost ones of the last {0} days. Red: past its expected close. Enter or a double-click opens the customer.</source>
        <translation>进行中的商机按金额从大到小排列；赢单和丢单只显示最近 {0} 天的。红色：已过预计成交日期。按回车或双击打开客户。</translation>
    </message>
    <message>
        <source>closed in the last {0} days</source>
        <translation>最近 {0} 天结束</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0} open deals&lt;/b&gt; worth &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{0} 个进行中的商机&lt;/b&gt;，共 &lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>QuestionBlock</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>QuickAnswersDialog</name>
    <message>
        <source>Standard answers</source>
        <translation>标准回答</translation>
    </message>
    <message>
        <source>Type words of the question, e.g. discount, 价格</source>
        <translation>输入问题中的词，例如 价格、折扣</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Manage…</source>
        <translation>管理…</translation>
    </message>
    <message>
        <source>↑↓ choose · Enter copies · Esc closes</source>
        <translation>↑↓ 选择 · 回车复制 · Esc 关闭</translation>
    </message>
    <message>
        <source>1 answer</source>
        <translation>1 条回答</translation>
    </message>
    <message>
        <source>{0} answers</source>
        <translation>{0} 条回答</translation>
    </message>
    <message>
        <source>No answer matches.</source>
        <translation>没有匹配的回答。</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>Add a referral</source>
        <translation>添加推荐</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>{0} was referred by…</source>
        <translation>{0} 是谁推荐来的…</translation>
    </message>
    <message>
        <source>{0} referred…</source>
        <translation>{0} 推荐了…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Person who referred</source>
        <translation>推荐人（个人）</translation>
    </message>
    <message>
        <source>Referred on</source>
        <translation>推荐日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>(not said)</source>
        <translation>（未说明）</translation>
    </message>
    <message>
        <source>Choose the other customer first.</source>
        <translation>请先选择另一个客户。</translation>
    </message>
</context>
<context>
    <name>RejectsDialog</name>
    <message>
        <source>Save the rows not imported</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Rows not imported</source>
        <translation>未导入的行</translation>
    </message>
    <message>
        <source>These rows are left out; the others are imported. Save them as CSV, fix them there and import that file.</source>
        <translation>这些行不会导入，其余的行照常导入。可将它们保存为 CSV，改正后再导入该文件。</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>保存为 CSV…</translation>
    </message>
    <message>
        <source>Saved {0}: fix the rows there and import that file.</source>
        <translation>已保存 {0}：请在其中改正这些行，再导入该文件。</translation>
    </message>
</context>
<context>
    <name>RejectsModel</name>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Why it is not imported</source>
        <translation>未导入的原因</translation>
    </message>
    <message>
        <source>The row</source>
        <translation>该行内容</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Report on</source>
        <translation>报告范围</translation>
    </message>
    <message>
        <source>This visit</source>
        <translation>本次拜访</translation>
    </message>
    <message>
        <source>this customer</source>
        <translation>该客户</translation>
    </message>
    <message>
        <source>{0}, over the period</source>
        <translation>{0}（按期间）</translation>
    </message>
    <message>
        <source>All customers visited in the period</source>
        <translation>期间内拜访过的全部客户</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Only stage</source>
        <translation>仅限阶段</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Only tag</source>
        <translation>仅限标签</translation>
    </message>
    <message>
        <source>Only owner</source>
        <translation>仅限负责人</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>Word document (.docx)</source>
        <translation>Word 文档 (.docx)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿 (.xlsx)</translation>
    </message>
    <message>
        <source>CSV, one row per visit</source>
        <translation>CSV（每次拜访一行）</translation>
    </message>
    <message>
        <source>Report language</source>
        <translation>报告语言</translation>
    </message>
    <message>
        <source>report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>请选择报告的保存位置。</translation>
    </message>
    <message>
        <source>Exporting the report…</source>
        <translation>正在导出报告…</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve the complaint</source>
        <translation>解决投诉</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>What you did to put it right</source>
        <translation>你为弥补做了什么</translation>
    </message>
    <message>
        <source>Customer satisfied</source>
        <translation>客户是否满意</translation>
    </message>
    <message>
        <source>Resolved at</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <source>Apology (your words)</source>
        <translation>道歉（你的原话）</translation>
    </message>
    <message>
        <source>In the first person: “I am sorry that…”, not “the company apologises”.</source>
        <translation>用第一人称：“我很抱歉……”，而不是“公司向您致歉”。</translation>
    </message>
</context>
<context>
    <name>RespondDialog</name>
    <message>
        <source>Respond to the complaint</source>
        <translation>回应投诉</translation>
    </message>
    <message>
        <source>Responded at</source>
        <translation>回应时间</translation>
    </message>
    <message>
        <source>Apology (your words)</source>
        <translation>道歉（你的原话）</translation>
    </message>
    <message>
        <source>In the first person: “I am sorry that…”, not “the company apologises”.</source>
        <translation>用第一人称：“我很抱歉……”，而不是“公司向您致歉”。</translation>
    </message>
    <message>
        <source>Say sorry yourself, to the person, and say what you will do next. Leave it empty if you have not apologised.</source>
        <translation>亲自向对方道歉，并说明你接下来会做什么。还没有道歉就留空。</translation>
    </message>
</context>
<context>
    <name>ResponseDialog</name>
    <message>
        <source>Survey of {0}</source>
        <translation>{0} 的调查</translation>
    </message>
    <message>
        <source>About competitor: {0}</source>
        <translation>关于竞争对手：{0}</translation>
    </message>
    <message>
        <source>About us</source>
        <translation>关于我们</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose the copy to go back to. Everything changed since it was made is replaced; the database as it is now is kept as a backup first, so this can be undone.</source>
        <translation>请选择要恢复到的副本。此后所做的修改都会被替换；当前数据库会先保留为一个备份，因此可以撤销。</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>There is no backup of this database yet.</source>
        <translation>此数据库还没有备份。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Other file…</source>
        <translation>其他文件…</translation>
    </message>
    <message>
        <source>Choose a backup file</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>TrustDesk database (*.sqlite3)</source>
        <translation>TrustDesk 数据库 (*.sqlite3)</translation>
    </message>
</context>
<context>
    <name>SatisfactionTrend</name>
    <message>
        <source>Satisfaction trend (index per month)</source>
        <translation>满意度趋势（每月指数）</translation>
    </message>
    <message>
        <source>No survey scores in the last twelve months.</source>
        <translation>近十二个月没有调查评分。</translation>
    </message>
    <message>
        <source>{0}: index {1:+.0f} ({2} surveys)</source>
        <translation>{0}：指数 {1:+.0f}（{2} 份调查）</translation>
    </message>
</context>
<context>
    <name>SecurityPage</name>
    <message>
        <source>Turn encryption on…</source>
        <translation>开启加密…</translation>
    </message>
    <message>
        <source>Turn encryption off…</source>
        <translation>关闭加密…</translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>Remember on this device (OS keyring)</source>
        <translation>在本设备上记住（系统钥匙串）</translation>
    </message>
    <message>
        <source>Encryption of the database file</source>
        <translation>数据库文件加密</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Lock after this long without use:</source>
        <translation>无操作多久后锁定：</translation>
    </message>
    <message>
        <source>App lock (this computer)</source>
        <translation>应用锁定（本电脑）</translation>
    </message>
    <message>
        <source>Locking closes the database and hides your customers until the passphrase is typed again; File → Lock (Ctrl+Shift+L) locks at once. It needs encryption to be on. 0 = never.</source>
        <translation>锁定会关闭数据库并隐藏客户信息，直到再次输入密码；“文件 → 锁定”（Ctrl+Shift+L）可立即锁定。需要先开启加密。0 = 从不。</translation>
    </message>
    <message>
        <source>{0} is encrypted: a copy of it is unreadable without the passphrase.</source>
        <translation>{0} 已加密：没有密码，它的副本无法读取。</translation>
    </message>
    <message>
        <source>Key file: {0}
Keep the key file with the database: when you copy or move the database, copy its key file with it, or the copy cannot be opened.</source>
        <translation>密钥文件：{0}
请让密钥文件与数据库放在一起：复制或移动数据库时，要连同密钥文件一起复制，否则副本无法打开。</translation>
    </message>
    <message>
        <source>{0} is not encrypted: anyone who gets a copy of the file can read your customers.</source>
        <translation>{0} 没有加密：任何拿到文件副本的人都能看到您的客户。</translation>
    </message>
    <message>
        <source>Database file: {0}</source>
        <translation>数据库文件：{0}</translation>
    </message>
    <message>
        <source>The database is read-only here (its file or folder cannot be written), so encryption cannot be turned on or off and the key file cannot change.</source>
        <translation>此处的数据库是只读的（文件或文件夹不可写），因此不能开启或关闭加密，也不能修改密钥文件。</translation>
    </message>
    <message>
        <source>This computer has no secure keyring, so the passphrase cannot be remembered on it: TrustDesk asks for it when it starts.</source>
        <translation>这台电脑没有安全钥匙串，无法在本机记住密码：TrustDesk 启动时会要求输入。</translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>The key is remembered on this device: TrustDesk opens without asking.</source>
        <translation>本设备已记住密钥：打开 TrustDesk 无需输入密码。</translation>
    </message>
    <message>
        <source>The key is no longer remembered: TrustDesk asks when it starts.</source>
        <translation>已不再记住密钥：TrustDesk 启动时会要求输入密码。</translation>
    </message>
</context>
<context>
    <name>ServiceRecordDialog</name>
    <message>
        <source>Record the good service delivered — {0}</source>
        <translation>记录为客户做的好服务 — {0}</translation>
    </message>
    <message>
        <source>What we did</source>
        <translation>我们做了什么</translation>
    </message>
    <message>
        <source>Day (YYYY-MM-DD)</source>
        <translation>日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>Worth to them</source>
        <translation>对客户的价值</translation>
    </message>
    <message>
        <source>e.g. the line kept running; saved ¥20,000</source>
        <translation>例如：产线没有停工；省下2万元</translation>
    </message>
    <message>
        <source>Kept so that you can remind the customer of it (“what we did for you this year”).</source>
        <translation>记下来，以后好提醒客户（“今年我们为您做了什么”）。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Team rules</source>
        <translation>团队规则</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
</context>
<context>
    <name>StageAdvicePanel</name>
    <message>
        <source>Move to {0} (why lost: front-line neglect), with this evidence as the reason</source>
        <translation>改为“{0}”（流失原因：一线人员怠慢），以此依据作为原因</translation>
    </message>
    <message>
        <source>Move to {0}, with this evidence as the reason</source>
        <translation>改为“{0}”，以此依据作为原因</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Not now: it comes back when the evidence changes</source>
        <translation>暂不处理：依据变化时会再次提出</translation>
    </message>
    <message>
        <source>Suggested stage</source>
        <translation>建议的客户阶段</translation>
    </message>
    <message>
        <source>Three chances: do it right the first time; if it goes wrong, put it right well — customers usually give a second chance; a third chance is rare.</source>
        <translation>三次机会：第一次一定要做对做好；万一出错，挽回一定要做好——客户通常会给第二次机会；第三次机会极少。</translation>
    </message>
    <message>
        <source>Complaints and recovery</source>
        <translation>投诉与挽回</translation>
    </message>
    <message>
        <source>{0} is now {1}.</source>
        <translation>{0} 现为{1}。</translation>
    </message>
    <message>
        <source>Suggestion dismissed; {0} stays {1}.</source>
        <translation>已忽略建议；{0} 仍为{1}。</translation>
    </message>
</context>
<context>
    <name>StageColumn</name>
    <message>
        <source>1 deal</source>
        <translation>1 个商机</translation>
    </message>
    <message>
        <source>{0} deals</source>
        <translation>{0} 个商机</translation>
    </message>
    <message>
        <source>{0} past expected close</source>
        <translation>{0} 个已过预计成交日期</translation>
    </message>
    <message>
        <source>none past expected close</source>
        <translation>没有逾期未成交的</translation>
    </message>
    <message>
        <source>Expected close {0}</source>
        <translation>预计成交 {0}</translation>
    </message>
    <message>
        <source>Owner: {0}</source>
        <translation>负责人：{0}</translation>
    </message>
    <message>
        <source>Why lost: {0}</source>
        <translation>丢单原因：{0}</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <source>Change stage</source>
        <translation>变更客户阶段</translation>
    </message>
    <message>
        <source>Current stage</source>
        <translation>当前阶段</translation>
    </message>
    <message>
        <source>New stage</source>
        <translation>新阶段</translation>
    </message>
    <message>
        <source>Why was it lost</source>
        <translation>流失原因</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>What happened, e.g. first order received</source>
        <translation>发生了什么，例如：收到第一笔订单</translation>
    </message>
    <message>
        <source>Say why the stage changes.</source>
        <translation>请说明阶段变更的原因。</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change status</source>
        <translation>更改状态</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前状态</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Required for broken and withdrawn: what happened, what the customer was told</source>
        <translation>“未能兑现”和“已撤回”必须填写：发生了什么，怎样告知了客户</translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <source>Suggest for {0}: {1} — {2}</source>
        <translation>建议 {0} 的关系等级：{1} — {2}</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Set the level to {0}, with this evidence as the reason</source>
        <translation>将关系等级设为{0}，以此依据作为原因</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>{0} is now {1}.</source>
        <translation>{0} 现为{1}。</translation>
    </message>
    <message>
        <source>Suggestion dismissed; {0} stays {1}.</source>
        <translation>已忽略建议；{0} 仍为{1}。</translation>
    </message>
</context>
<context>
    <name>SuggestionsSection</name>
    <message>
        <source>What the evidence suggests about each customer&apos;s stage. Nothing moves until you accept: the stage history then keeps the evidence as the reason. Enter opens the customer.</source>
        <translation>根据已有依据对客户阶段提出的建议。您接受之前不会改动任何客户；接受后，阶段历史会以该依据作为原因。按 Enter 打开客户。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Stage now</source>
        <translation>当前阶段</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>建议阶段</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>接受(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>忽略(&amp;D)</translation>
    </message>
    <message>
        <source>Not now: it comes back when the evidence changes</source>
        <translation>暂不处理：依据变化时会再次提出</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Steps done</source>
        <translation>已完成步骤</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Stage suggestions ({0})</source>
        <translation>阶段建议（{0}）</translation>
    </message>
    <message>
        <source>Win-back plans: {0} under way, {1} won back</source>
        <translation>挽回计划：{0} 个进行中，{1} 个已赢回</translation>
    </message>
    <message>
        <source>{0} is now {1}.</source>
        <translation>{0} 现为{1}。</translation>
    </message>
    <message>
        <source>Suggestion dismissed; {0} stays {1}.</source>
        <translation>已忽略建议；{0} 仍为{1}。</translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message>
        <source>Survey — {0}</source>
        <translation>调查 — {0}</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>回答人</translation>
    </message>
    <message>
        <source>(nobody named)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <source>About competitor</source>
        <translation>关于竞争对手</translation>
    </message>
    <message>
        <source>Leave empty when the customer scores us; else the competitor&apos;s name</source>
        <translation>客户给我们打分时留空；否则填写竞争对手名称</translation>
    </message>
    <message>
        <source>Taken on</source>
        <translation>调查时间</translation>
    </message>
    <message>
        <source>Linked to the visit of {0}.</source>
        <translation>关联到 {0} 的拜访。</translation>
    </message>
    <message>
        <source>Keys: 1–5 pick a score · Tab next question · Ctrl+S save. 5 excellent · 4 satisfied but at risk · 1–3 dissatisfied (a follow-up task).</source>
        <translation>按键：1–5 打分 · Tab 下一题 · Ctrl+S 保存。5 优秀 · 4 满意但有风险 · 1–3 不满意（自动生成跟进任务）。</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Choose a survey first.</source>
        <translation>请先选择调查。</translation>
    </message>
</context>
<context>
    <name>SurveyTexts</name>
    <message>
        <source>Survey saved for {0}.</source>
        <translation>已保存 {0} 的调查。</translation>
    </message>
    <message>
        <source>A score of 1–3 was given: 1 follow-up task was created (see its Surveys tab).</source>
        <translation>有 1–3 分的评分：已创建 1 个跟进任务（见该客户的“调查”页）。</translation>
    </message>
    <message>
        <source>Scores of 1–3 were given: {0} follow-up tasks were created (see its Surveys tab).</source>
        <translation>有 1–3 分的评分：已创建 {0} 个跟进任务（见该客户的“调查”页）。</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>quarterly</source>
        <translation>每季度</translation>
    </message>
    <message>
        <source>yearly</source>
        <translation>每年</translation>
    </message>
    <message>
        <source>every {0} months</source>
        <translation>每 {0} 个月</translation>
    </message>
    <message>
        <source>Last survey {0}</source>
        <translation>上次调查 {0}</translation>
    </message>
    <message>
        <source>No survey yet</source>
        <translation>尚未调查</translation>
    </message>
    <message>
        <source>next due {0}</source>
        <translation>下次应拜访 {0}</translation>
    </message>
</context>
<context>
    <name>SurveysSection</name>
    <message>
        <source>Survey templates…</source>
        <translation>调查模板…</translation>
    </message>
    <message>
        <source>Mark follow-up done…</source>
        <translation>标记跟进完成…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>The customer said</source>
        <translation>客户的意见</translation>
    </message>
    <message>
        <source>Satisfaction index</source>
        <translation>满意度指数</translation>
    </message>
    <message>
        <source>Scores per question</source>
        <translation>各题评分</translation>
    </message>
    <message>
        <source>Competitors</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <source>Overdue surveys ({0})</source>
        <translation>逾期的调查（{0}）</translation>
    </message>
    <message>
        <source>Due in the next {1} days ({0})</source>
        <translation>未来 {1} 天内到期（{0}）</translation>
    </message>
    <message>
        <source>Open follow-up tasks ({0})</source>
        <translation>未完成的跟进任务（{0}）</translation>
    </message>
    <message>
        <source>Surveys — today {0}</source>
        <translation>调查 — 今天 {0}</translation>
    </message>
    <message>
        <source>{0} overdue</source>
        <translation>{0} 个逾期</translation>
    </message>
    <message>
        <source>satisfaction index {0:+.0f}</source>
        <translation>满意度指数 {0:+.0f}</translation>
    </message>
    <message>
        <source>Follow-up done: {0}</source>
        <translation>已完成跟进：{0}</translation>
    </message>
</context>
<context>
    <name>SurveysTab</name>
    <message>
        <source>Team default</source>
        <translation>团队默认</translation>
    </message>
    <message>
        <source>Fill survey…</source>
        <translation>填写调查…</translation>
    </message>
    <message>
        <source>Mark follow-up done…</source>
        <translation>标记跟进完成…</translation>
    </message>
    <message>
        <source>Open a complaint from this…</source>
        <translation>据此登记投诉…</translation>
    </message>
    <message>
        <source>A score of 1–3: record it as a complaint, linked to the answer (CMP-1).</source>
        <translation>1–3分：登记为投诉，并与该回答关联（CMP-1）。</translation>
    </message>
    <message>
        <source>Survey cycle:</source>
        <translation>调查周期：</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>回答人</translation>
    </message>
    <message>
        <source>About</source>
        <translation>涉及人员</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>The customer said</source>
        <translation>客户的意见</translation>
    </message>
    <message>
        <source>Surveys</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Surveys, newest first ({0})</source>
        <translation>调查记录，最新在前（{0}）</translation>
    </message>
    <message>
        <source>Open follow-up tasks ({0})</source>
        <translation>未完成的跟进任务（{0}）</translation>
    </message>
    <message>
        <source>us</source>
        <translation>我们</translation>
    </message>
    <message>
        <source>Scored {0}: {1}</source>
        <translation>评了 {0} 分：{1}</translation>
    </message>
    <message>
        <source>Follow-up done: {0}</source>
        <translation>已完成跟进：{0}</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Open the Conflicts screen</source>
        <translation>打开冲突窗口</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Not syncing with a team</source>
        <translation>未与团队同步</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Synced {0}</source>
        <translation>已同步 {0}</translation>
    </message>
    <message>
        <source>1 edit to send</source>
        <translation>1 处修改待发送</translation>
    </message>
    <message>
        <source>{0} edits to send</source>
        <translation>{0} 处修改待发送</translation>
    </message>
    <message>
        <source>Team server: {0}
Sync now: F9</source>
        <translation>团队服务器：{0}
立即同步：F9</translation>
    </message>
    <message>
        <source>This laptop works alone. Team → Team server… to share with a team.</source>
        <translation>本机单独使用。如需与团队共享，请选择 团队 → 团队服务器…</translation>
    </message>
    <message>
        <source>1 conflict</source>
        <translation>1 个冲突</translation>
    </message>
    <message>
        <source>{0} conflicts</source>
        <translation>{0} 个冲突</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>The deal&apos;s team</source>
        <translation>商机团队</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Names separated by commas; leave a role empty if no one.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;多个姓名用逗号分隔；没有人就留空。</translation>
    </message>
</context>
<context>
    <name>TeamRulesPage</name>
    <message>
        <source>Contact rhythm by planned depth</source>
        <translation>按计划接触深度的联系周期</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Bottom lines (beyond them a promise needs approval)</source>
        <translation>底线（超出底线的承诺需要审批）</translation>
    </message>
    <message>
        <source>Value tiers (customers with a tier are served by it)</source>
        <translation>客户价值分级（已分级的客户按分级服务）</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Visit cadence by stage</source>
        <translation>按客户阶段的拜访周期</translation>
    </message>
</context>
<context>
    <name>TeamServerDialog</name>
    <message>
        <source>Team server</source>
        <translation>团队服务器</translation>
    </message>
    <message>
        <source>TrustDesk works on this laptop without a network. To share customers with your team, give the address of the team&apos;s PostgreSQL server: your edits go there and your teammates&apos; come back each time you sync.</source>
        <translation>TrustDesk 在本机上无需网络即可使用。如需与团队共享客户，请填写团队 PostgreSQL 服务器的地址：每次同步时，您的修改会发送到服务器，同事的修改也会同步回来。</translation>
    </message>
    <message>
        <source>asked once per session</source>
        <translation>每次启动只需输入一次</translation>
    </message>
    <message>
        <source>The password is kept in memory until TrustDesk closes; it is never saved.</source>
        <translation>密码只保存在内存中，关闭 TrustDesk 后即清除，不会保存到磁盘。</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message>
        <source>Syncing with the team</source>
        <translation>正在与团队同步</translation>
    </message>
    <message>
        <source>Synced: {0} edits sent, {1} records received.</source>
        <translation>同步完成：发送 {0} 处修改，收到 {1} 条记录。</translation>
    </message>
    <message>
        <source>This sync found {0} new conflicts: the same thing was changed on two laptops. Both values are kept: open Team → Conflicts… to choose.</source>
        <translation>本次同步发现 {0} 个新冲突：同一内容在两台笔记本上都被修改了。两个值都已保存：请打开 团队 → 冲突… 进行选择。</translation>
    </message>
    <message>
        <source>Sync stopped. What was sent or received so far is kept; the rest goes with the next sync.</source>
        <translation>同步已停止。已发送和已收到的内容都会保留，其余部分在下次同步时完成。</translation>
    </message>
    <message>
        <source>Not synced: {0} Your edits are kept here.</source>
        <translation>未能同步：{0}您的修改仍保存在本机。</translation>
    </message>
    <message>
        <source>Not synced: {0}</source>
        <translation>未能同步：{0}</translation>
    </message>
</context>
<context>
    <name>TeamTexts</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>情报</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Standard answer</source>
        <translation>标准答案</translation>
    </message>
    <message>
        <source>Survey form</source>
        <translation>调查问卷</translation>
    </message>
    <message>
        <source>Survey question</source>
        <translation>调查问题</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Deleted and edited</source>
        <translation>删除与修改</translation>
    </message>
    <message>
        <source>Kept, with the edit</source>
        <translation>已保留（含修改）</translation>
    </message>
    <message>
        <source>Connecting to the team server…</source>
        <translation>正在连接团队服务器…</translation>
    </message>
    <message>
        <source>Gathering your edits…</source>
        <translation>正在整理您的修改…</translation>
    </message>
    <message>
        <source>Sending your edits to the team…</source>
        <translation>正在把您的修改发送给团队…</translation>
    </message>
    <message>
        <source>Receiving the team&apos;s changes…</source>
        <translation>正在接收团队的修改…</translation>
    </message>
    <message>
        <source>Indexing the team&apos;s customers for search…</source>
        <translation>正在为搜索建立团队客户的索引…</translation>
    </message>
</context>
<context>
    <name>TemplateEditDialog</name>
    <message>
        <source>Edit survey: {0}</source>
        <translation>编辑调查：{0}</translation>
    </message>
    <message>
        <source>New survey</source>
        <translation>新建调查</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>标题（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>标题（英文）</translation>
    </message>
    <message>
        <source>Saving makes version {0}: surveys already filled in keep the questions they were asked (version {1} stays for them).</source>
        <translation>保存后生成第 {0} 版：已填写的调查保留当时所问的问题（第 {1} 版为它们保留）。</translation>
    </message>
    <message>
        <source>Saving makes version 1 of a new survey.</source>
        <translation>保存后生成新调查的第 1 版。</translation>
    </message>
    <message>
        <source>Add question</source>
        <translation>添加问题</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Question (Chinese)</source>
        <translation>问题（中文）</translation>
    </message>
    <message>
        <source>Question (English)</source>
        <translation>问题（英文）</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>One per line: 中文 | English</source>
        <translation>每行一个：中文 | English</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必答</translation>
    </message>
    <message>
        <source>Ask only after</source>
        <translation>仅在此题之后提问</translation>
    </message>
    <message>
        <source>…scores below</source>
        <translation>…低于此分数时</translation>
    </message>
    <message>
        <source>(always asked)</source>
        <translation>（总是提问）</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>Survey templates</source>
        <translation>调查模板</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source> · built-in</source>
        <translation> · 内置</translation>
    </message>
    <message>
        <source>{0} — version {1} · {2} questions · {3} filled{4}</source>
        <translation>{0} — 第 {1} 版 · {2} 个问题 · 已填 {3} 份{4}</translation>
    </message>
    <message>
        <source>Saved version {0} of “{1}”.</source>
        <translation>已保存“{1}”的第 {0} 版。</translation>
    </message>
</context>
<context>
    <name>TiersWindow</name>
    <message>
        <source>Value tiers</source>
        <translation>客户价值分级</translation>
    </message>
    <message>
        <source>Reading the tiers…</source>
        <translation>正在读取分级…</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <source>Share of value</source>
        <translation>价值占比</translation>
    </message>
    <message>
        <source>&amp;Recompute</source>
        <translation>重新计算(&amp;R)</translation>
    </message>
    <message>
        <source>Rank the buying customers by their last twelve months of orders: the top 20% become key accounts, the bottom 30% low value. Visit plans follow.</source>
        <translation>按最近十二个月的订单给已购买的客户排序：前 20% 为关键客户，后 30% 为低价值客户。拜访计划随之调整。</translation>
    </message>
    <message>
        <source>Recomputing…</source>
        <translation>正在重新计算…</translation>
    </message>
    <message>
        <source>Recomputing the value tiers…</source>
        <translation>正在重新计算客户价值分级…</translation>
    </message>
    <message numerus="yes">
        <source>Recomputed: %n customer(s) changed tier.</source>
        <translation>
            <numerusform>已重新计算：%n 位客户的分级有变化。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not recomputed; the tiers are as they were.</source>
        <translation>未重新计算，分级保持原样。</translation>
    </message>
    <message>
        <source>No customer has a tier yet. Recompute ranks the buying customers.</source>
        <translation>还没有客户分级。点“重新计算”为已购买的客户分级。</translation>
    </message>
    <message>
        <source>The top {0} of customers bring {1} of the value.</source>
        <translation>前 {0} 的客户带来了 {1} 的价值。</translation>
    </message>
    <message>
        <source>Basis: {0}, orders from {1} to {2} · {3} customers tiered</source>
        <translation>依据：{0}，订单日期 {1} 至 {2} · 已分级客户 {3} 位</translation>
    </message>
    <message>
        <source>Key accounts: {0} of value</source>
        <translation>关键客户：占价值 {0}</translation>
    </message>
    <message>
        <source>Share of customers, most valuable first</source>
        <translation>客户占比（价值从高到低）</translation>
    </message>
    <message>
        <source>(if every customer were worth the same)</source>
        <translation>（假如每位客户价值相同）</translation>
    </message>
    <message>
        <source>All tiered customers</source>
        <translation>全部已分级客户</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Scores over time</source>
        <translation>评分趋势</translation>
    </message>
    <message>
        <source>Score (1–5)</source>
        <translation>分数（1–5）</translation>
    </message>
    <message>
        <source>Date of the survey</source>
        <translation>调查日期</translation>
    </message>
    <message>
        <source>{0}
{1}: {2} (1 answer)</source>
        <translation>{0}
{1}：{2} 分（1 个回答）</translation>
    </message>
</context>
<context>
    <name>TrustDeskApp</name>
    <message>
        <source>The database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The daily backup failed: {0}</source>
        <translation>每日备份失败：{0}</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Restored the backup {0}. The database as it was is kept as {1}.</source>
        <translation>已恢复备份 {0}。原来的数据库已保留为 {1}。</translation>
    </message>
    <message>
        <source>Turning encryption on…</source>
        <translation>正在开启加密…</translation>
    </message>
    <message>
        <source>Making a backup first…</source>
        <translation>正在先做一次备份…</translation>
    </message>
    <message>
        <source>Encrypting the database…</source>
        <translation>正在加密数据库…</translation>
    </message>
    <message>
        <source>Encrypting the backups…</source>
        <translation>正在加密备份…</translation>
    </message>
    <message>
        <source>Turning encryption off…</source>
        <translation>正在关闭加密…</translation>
    </message>
    <message>
        <source>Decrypting the database…</source>
        <translation>正在解密数据库…</translation>
    </message>
    <message>
        <source>Decrypting the backups…</source>
        <translation>正在解密备份…</translation>
    </message>
    <message>
        <source>Encryption is on: the database and its backups are encrypted. This device remembers the key, so TrustDesk opens without asking; File → Lock (Ctrl+Shift+L) locks it. Keep the passphrase safe: if it is forgotten, the data cannot be recovered.</source>
        <translation>加密已开启：数据库及其备份均已加密。本设备记住了密钥，打开 TrustDesk 无需输入密码；“文件 → 锁定”（Ctrl+Shift+L）可锁定。请妥善保管密码：一旦忘记，数据将无法恢复。</translation>
    </message>
    <message>
        <source>Encryption is on: the database and its backups are encrypted. TrustDesk asks for the passphrase when it starts; File → Lock (Ctrl+Shift+L) locks it. Keep the passphrase safe: if it is forgotten, the data cannot be recovered.</source>
        <translation>加密已开启：数据库及其备份均已加密。TrustDesk 启动时会要求输入密码；“文件 → 锁定”（Ctrl+Shift+L）可锁定。请妥善保管密码：一旦忘记，数据将无法恢复。</translation>
    </message>
    <message>
        <source>Encryption is off: the database and its backups are stored without encryption again.</source>
        <translation>加密已关闭：数据库及其备份重新以不加密的方式保存。</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>There is no good backup of it. Nothing was changed; run &apos;trustdesk db check&apos; to see what is damaged.</source>
        <translation>没有可用的完好备份。文件未被改动；请运行“trustdesk db check”查看损坏情况。</translation>
    </message>
    <message>
        <source>Restore the newest good backup, made {0}? The damaged file is kept beside it.</source>
        <translation>要恢复最新的完好备份（创建于 {0}）吗？已损坏的文件会保留在旁边。</translation>
    </message>
</context>
<context>
    <name>ViewDialog</name>
    <message>
        <source>Edit saved view</source>
        <translation>编辑保存的视图</translation>
    </message>
    <message>
        <source>New saved view</source>
        <translation>新建保存的视图</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. Key accounts not visited for 60 days</source>
        <translation>例如：60 天未拜访的关键客户</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Not visited for (days)</source>
        <translation>未拜访天数</translation>
    </message>
    <message>
        <source>Visit overdue</source>
        <translation>拜访逾期</translation>
    </message>
    <message>
        <source>Latest survey below</source>
        <translation>最近调查得分低于</translation>
    </message>
    <message>
        <source>a score from 1 to 5, e.g. 3.5</source>
        <translation>1 到 5 的分数，例如 3.5</translation>
    </message>
    <message>
        <source>Has open complaints</source>
        <translation>有未解决的投诉</translation>
    </message>
    <message>
        <source>At-risk score at least</source>
        <translation>风险分不低于</translation>
    </message>
    <message>
        <source>0 to 100</source>
        <translation>0 到 100</translation>
    </message>
</context>
<context>
    <name>ViewsInNavigation</name>
    <message>
        <source>Edit view…</source>
        <translation>编辑视图…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <source>Deleted the view {0}.</source>
        <translation>已删除视图“{0}”。</translation>
    </message>
</context>
<context>
    <name>VisitTexts</name>
    <message>
        <source>overdue {0} days</source>
        <translation>逾期 {0} 天</translation>
    </message>
    <message>
        <source>overdue 1 day</source>
        <translation>逾期 1 天</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>in {0} days</source>
        <translation>{0} 天后</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>Last visit {0}</source>
        <translation>上次拜访 {0}</translation>
    </message>
    <message>
        <source>No visit logged yet</source>
        <translation>尚无拜访记录</translation>
    </message>
    <message>
        <source>not on the visit plan</source>
        <translation>不在拜访计划内</translation>
    </message>
    <message>
        <source>next due {0}</source>
        <translation>下次应拜访 {0}</translation>
    </message>
</context>
<context>
    <name>VisitsSection</name>
    <message>
        <source>Log visit… (Ctrl+L)</source>
        <translation>记录拜访…（Ctrl+L）</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>接触功能</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Planned contact</source>
        <translation>计划接触</translation>
    </message>
    <message>
        <source>Last touch</source>
        <translation>最近接触</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Overdue ({0})</source>
        <translation>逾期（{0}）</translation>
    </message>
    <message>
        <source>Upcoming, next 14 days ({0})</source>
        <translation>即将到期，未来 14 天（{0}）</translation>
    </message>
    <message>
        <source>Recent, last 14 days ({0})</source>
        <translation>最近拜访，过去 14 天（{0}）</translation>
    </message>
    <message>
        <source>People cooling off ({0})</source>
        <translation>关系降温的人员（{0}）</translation>
    </message>
    <message>
        <source>Birthdays and care dates ({0})</source>
        <translation>生日与关怀日（{0}）</translation>
    </message>
    <message>
        <source>Visits — today {0}</source>
        <translation>拜访 — 今天 {0}</translation>
    </message>
    <message>
        <source>Visits — today {0} · {1} customers overdue</source>
        <translation>拜访 — 今天 {0} · {1} 个客户逾期</translation>
    </message>
    <message>
        <source>Visit due ({0}, last visit {1})</source>
        <translation>应拜访（{0}，上次拜访 {1}）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Cooling since {0}</source>
        <translation>自 {0} 起降温</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Planned visit: {0}</source>
        <translation>计划拜访：{0}</translation>
    </message>
    <message>
        <source>Next step: {0}</source>
        <translation>下一步：{0}</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Log visit…</source>
        <translation>记录拜访…</translation>
    </message>
    <message>
        <source>Mark next step done</source>
        <translation>标记下一步已完成</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>Next step done: {0}</source>
        <translation>下一步已完成：{0}</translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <source>Log visit… (Ctrl+L)</source>
        <translation>记录拜访…（Ctrl+L）</translation>
    </message>
    <message>
        <source>Plan a visit…</source>
        <translation>计划拜访…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>添加情报…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>About</source>
        <translation>涉及人员</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Planned contact</source>
        <translation>计划接触</translation>
    </message>
    <message>
        <source>Last touch</source>
        <translation>最近接触</translation>
    </message>
    <message>
        <source>Intelligence notes</source>
        <translation>情报</translation>
    </message>
    <message>
        <source>People cooling off</source>
        <translation>关系降温的人员</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>接触功能</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>{0} (planned)</source>
        <translation>{0}（计划）</translation>
    </message>
    <message>
        <source>The gift is above the team&apos;s ceiling.</source>
        <translation>礼品价值超过团队上限。</translation>
    </message>
    <message>
        <source>{0} ✓</source>
        <translation>{0} ✓</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>已添加情报。</translation>
    </message>
</context>
<context>
    <name>WinBackTab</name>
    <message>
        <source>This customer is lost. Before spending effort, check whether winning them back is worth it: enter what they bought from us in the past.</source>
        <translation>该客户已流失。投入精力之前，先确认是否值得挽回：请填写客户过去在我们这里的采购金额。</translation>
    </message>
    <message>
        <source>e.g. 120000</source>
        <translation>例如 120000</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>Optional: why this customer is worth it to you</source>
        <translation>可选：这个客户为什么值得挽回</translation>
    </message>
    <message>
        <source>&amp;Start win-back plan</source>
        <translation>开始挽回计划(&amp;S)</translation>
    </message>
    <message>
        <source>Past value (yuan)</source>
        <translation>过往价值（元）</translation>
    </message>
    <message>
        <source>Why it was lost</source>
        <translation>流失原因</translation>
    </message>
    <message>
        <source>Do not serve</source>
        <translation>不予服务</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Why win it back</source>
        <translation>挽回理由</translation>
    </message>
    <message>
        <source>Is it worth winning back?</source>
        <translation>是否值得挽回？</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, for a step done (today when left empty)</source>
        <translation>年-月-日，仅用于已完成的步骤（留空则为今天）</translation>
    </message>
    <message>
        <source>What the customer said, what we did, what comes next</source>
        <translation>客户说了什么，我们做了什么，下一步做什么</translation>
    </message>
    <message>
        <source>Save step</source>
        <translation>保存步骤</translation>
    </message>
    <message>
        <source>&amp;Give up…</source>
        <translation>放弃(&amp;G)…</translation>
    </message>
    <message>
        <source>Selected step</source>
        <translation>所选步骤</translation>
    </message>
    <message>
        <source>Win-back plan</source>
        <translation>挽回计划</translation>
    </message>
    <message>
        <source>Win back</source>
        <translation>挽回</translation>
    </message>
    <message>
        <source>Win-back plan closed: {0} is won back.</source>
        <translation>挽回计划完成：{0} 已赢回。</translation>
    </message>
    <message>
        <source>{0} is a {1} now.</source>
        <translation>{0} 现在是{1}。</translation>
    </message>
    <message>
        <source>Winning back {0}: {1} of 7 steps done.</source>
        <translation>正在挽回 {0}：7 步中已完成 {1} 步。</translation>
    </message>
    <message>
        <source>{0} is a lost customer.</source>
        <translation>{0} 是流失的客户。</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>{0} — “{1}” ({2})</source>
        <translation>{0}：“{1}”（{2}）</translation>
    </message>
    <message>
        <source>Yes — {0}</source>
        <translation>是 —— {0}</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{0:,.0f} yuan</source>
        <translation>{0:,.0f} 元</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Under way since {0}</source>
        <translation>自 {0} 起进行中</translation>
    </message>
    <message>
        <source>Won back on {0} (started {1})</source>
        <translation>{0} 已赢回（{1} 开始）</translation>
    </message>
    <message>
        <source>Given up on {0} (started {1})</source>
        <translation>{0} 已放弃（{1} 开始）</translation>
    </message>
    <message>
        <source>{0} · past value {1}</source>
        <translation>{0} · 过往价值 {1}</translation>
    </message>
    <message>
        <source>{0} · {1} of 7 steps done · past value {2}</source>
        <translation>{0} · 7 步中完成 {1} 步 · 过往价值 {2}</translation>
    </message>
    <message>
        <source>Why: {0}</source>
        <translation>理由：{0}</translation>
    </message>
    <message>
        <source>Earlier plans: {0}</source>
        <translation>以往的计划：{0}</translation>
    </message>
    <message>
        <source>Enter the past value and press Check (Enter).</source>
        <translation>请填写过往价值，然后按“检查”（Enter）。</translation>
    </message>
    <message>
        <source>Win-back plan started for {0}.</source>
        <translation>已为 {0} 开始挽回计划。</translation>
    </message>
    <message>
        <source>Step {0} saved: {1}.</source>
        <translation>第 {0} 步已保存：{1}。</translation>
    </message>
    <message>
        <source>Gave up winning back {0}.</source>
        <translation>已放弃挽回 {0}。</translation>
    </message>
</context>
</TS>
