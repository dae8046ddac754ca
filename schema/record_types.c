/* The table of record types and their fields (docs/records.md is its reader's guide). */
#include <string.h>

#include "schema/record.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define TXT(n, zh, en, req, max) { n, zh, en, RX_SCHEMA_F_TEXT, req, 0, 0, max, NULL }
#define DATE(n, zh, en, req) { n, zh, en, RX_SCHEMA_F_DATE, req, 0, 0, 0, NULL }
#define BOOL(n, zh, en) { n, zh, en, RX_SCHEMA_F_BOOL, 0, 0, 0, 1, NULL }
#define ENUM(n, zh, en, req, e) { n, zh, en, RX_SCHEMA_F_ENUM, req, 0, 0, 0, e }
#define STUDENT_KEY { "no", "学号", "student", RX_SCHEMA_F_NO, 1, 1, 0, 32, NULL }

static const rx_schema_enumval roles[] = {
	{ "fp", "专职心理教师", "full-time" }, { "pp", "兼职心理教师", "part-time" },
	{ "ht", "班主任", "head-teacher" }, { "pr", "校长", "principal" },
	{ "ps", "党组织书记", "party-secretary" }, { "ot", "其他", "other" },
	{ NULL, NULL, NULL } };
static const rx_schema_enumval session_kinds[] = {
	{ "ap", "预约", "appointment" }, { "iv", "面谈", "interview" },
	{ "fu", "随访", "follow-up" }, { "fb", "反馈", "feedback" },
	{ "rf", "转介", "referral" }, { NULL, NULL, NULL } };
static const rx_schema_enumval visit_modes[] = {
	{ "os", "实地", "on-site" }, { "ph", "电话", "phone" }, { NULL, NULL, NULL } };
static const rx_schema_enumval notice_kinds[] = {
	{ "inf", "知情书", "information" }, { "sug", "建议书", "suggestion" },
	{ NULL, NULL, NULL } };
static const rx_schema_enumval activity_kinds[] = {
	{ "ls", "心理课", "lesson" }, { "or", "辅导室开放", "room-hours" },
	{ "pm", "家长会", "parent-meeting" }, { "cc", "心理委员会", "class-committee" },
	{ NULL, NULL, NULL } };

static const rx_schema_enumval leave_reasons[] = {
	{ "gr", "毕业", "graduated" }, { "tr", "转学", "transferred" },
	{ "dr", "辍学", "dropped" }, { "nr", "不在完整花名册中", "not-on-roster" },
	{ NULL, NULL, NULL } };
static const rx_schema_enumval observer_roles[] = {
	{ "cm", "心理委员", "committee-member" }, { "ob", "观察员", "observer" },
	{ "ht", "班主任", "head-teacher" }, { "te", "任课教师", "teacher" },
	{ "pt", "心理教师", "psychology-teacher" }, { "ot", "其他", "other" },
	{ NULL, NULL, NULL } };

static const rx_schema_fdef student[] = {
	STUDENT_KEY,
	TXT("n", "姓名", "name", 1, 128),
	{ "g", "性别", "gender", RX_SCHEMA_F_GENDER, 1, 0, 0, 0, NULL },
	DATE("b", "出生日期", "birth_date", 1),
	{ "gr", "年级", "grade", RX_SCHEMA_F_INT, 1, 0, 1, 12, NULL },
	TXT("c", "班级", "class", 1, 32),
	{ "f", "重点标记", "flags", RX_SCHEMA_F_FLAGS, 0, 0, 0, 0, NULL },
	DATE("lf", "离校日期", "left", 0),
	ENUM("lr", "离校原因", "left_reason", 0, leave_reasons),
};
static const rx_schema_fdef klass[] = {
	{ "gr", "年级", "grade", RX_SCHEMA_F_INT, 1, 1, 1, 12, NULL },
	{ "c", "班级", "class", RX_SCHEMA_F_TEXT, 1, 1, 0, 32, NULL },
	TXT("ht", "班主任", "head_teacher", 0, 128),
	TXT("cm", "心理委员", "committee", 0, 512),
	{ "cmb", "男委员数", "committee_boys", RX_SCHEMA_F_INT, 0, 0, 0, 20, NULL },
	{ "cmg", "女委员数", "committee_girls", RX_SCHEMA_F_INT, 0, 0, 0, 20, NULL },
};
static const rx_schema_fdef staff[] = {
	TXT("n", "姓名", "name", 1, 128),
	ENUM("ro", "岗位", "role", 1, roles),
};
static const rx_schema_fdef screening[] = {
	STUDENT_KEY,
	{ "s", "量表", "scale", RX_SCHEMA_F_TEXT, 1, 1, 0, 32, NULL },
	{ "r", "轮次", "round", RX_SCHEMA_F_TEXT, 1, 1, 0, 16, NULL },
	{ "a", "施测次", "administration", RX_SCHEMA_F_INT, 1, 1, 1, 2, NULL },
	DATE("d", "日期", "date", 1),
	{ "t", "总分", "total", RX_SCHEMA_F_INT, 0, 0, 0, 6400, NULL },
	{ "lv", "建议等级", "proposed", RX_SCHEMA_F_LEVEL, 0, 0, 0, 0, NULL },
	{ "ss", "标准分", "standard", RX_SCHEMA_F_INT, 0, 0, 0, 100000, NULL },
	TXT("res", "结果", "result", 0, 256),
	/* the policy that scored it (docs/policy.md): "<scale's> <rules'>", each "builtin" or "<node> vN"; absent: built-in */
	TXT("pv", "评分依据", "scored_by", 0, 64),
};
static const rx_schema_fdef assessment[] = {
	STUDENT_KEY,
	DATE("d", "日期", "date", 1),
	{ "lv", "确认等级", "level", RX_SCHEMA_F_LEVEL, 1, 0, 0, 0, NULL },
	{ "pl", "建议等级", "proposed", RX_SCHEMA_F_LEVEL, 0, 0, 0, 0, NULL },
	TXT("r", "轮次", "round", 0, 16),
	TXT("why", "理由", "reason", 0, 2048),
	TXT("by", "评估人", "by", 0, 128),
};
static const rx_schema_fdef care_plan[] = {
	STUDENT_KEY,
	DATE("d", "日期", "date", 1),
	TXT("pl", "一生一策", "plan", 0, 8192),
	TXT("tm", "关爱小组", "care_team", 0, 1024),
	TXT("mt", "成长导师", "mentor", 0, 128),
	TXT("pp", "成长伙伴", "peers", 0, 512),
	DATE("gd", "成长小组日期", "group_date", 0),
};
static const rx_schema_fdef session[] = {
	STUDENT_KEY,
	DATE("d", "日期", "date", 1),
	ENUM("k", "类型", "kind", 1, session_kinds),
	TXT("by", "辅导教师", "by", 0, 128),
	TXT("nt", "记录", "notes", 0, 8192),
	DATE("nx", "下次", "next", 0),
};
static const rx_schema_fdef referral[] = {
	STUDENT_KEY,
	DATE("d", "日期", "date", 1),
	TXT("h", "医院", "hospital", 1, 128),
	BOOL("gc", "绿色通道", "green_channel"),
	TXT("fb", "反馈", "feedback", 0, 4096),
	DATE("fd", "反馈日期", "feedback_date", 0),
	DATE("rd", "返校日期", "return_date", 0),
	BOOL("mc", "诊断证明", "medical_certificate"),
};
static const rx_schema_fdef visit[] = {
	STUDENT_KEY,
	DATE("d", "日期", "date", 1),
	ENUM("m", "方式", "mode", 1, visit_modes),
	TXT("by", "家访教师", "by", 0, 128),
	TXT("nt", "记录", "notes", 0, 8192),
};
static const rx_schema_fdef notice[] = {
	STUDENT_KEY,
	DATE("d", "日期", "date", 1),
	ENUM("t", "类型", "kind", 1, notice_kinds),
	BOOL("sg", "家长已签", "signed"),
	TXT("by", "班主任", "by", 0, 128),
};
/* An incident has its own id (@tag/n): it may involve several students, or none known. */
static const rx_schema_fdef incident[] = {
	DATE("d", "日期", "date", 1),
	TXT("st", "涉及学生", "students", 0, 1024),
	TXT("cm", "需随访同学", "classmates", 0, 1024),
	TXT("k", "类型", "kind", 0, 64),
	TXT("nt", "经过", "notes", 0, 8192),
	/* one student, as before: `add` moves it into st */
	{ "no", "学号", "student", RX_SCHEMA_F_NO, 0, 0, 0, 32, NULL },
};
static const rx_schema_fdef review[] = {
	TXT("a1", "日常表现", "behaviour", 0, 32768),
	TXT("a2", "家庭教养", "family", 0, 32768),
	TXT("a3", "直接诱因与经过", "trigger", 0, 32768),
	TXT("a4", "风险点与薄弱环节及措施", "risks", 0, 32768),
	TXT("si", "调查人签名", "sign_investigators", 0, 512),
	TXT("ss", "书记签名", "sign_secretary", 0, 128),
	TXT("sp", "校长签名", "sign_principal", 0, 128),
	TXT("sc", "局长签名", "sign_county", 0, 128),
	DATE("sd", "提交日期", "submitted", 0),
	/* written only from the county's signed countersignature (ops/report), never by `add` */
	TXT("cx", "县局会签", "countersign", 0, 64),
	TXT("cn", "会签人", "countersigned_by", 0, 128),
	DATE("cd", "会签日期", "countersigned", 0),
};
static const rx_schema_fdef activity[] = {
	DATE("d", "日期", "date", 1),
	ENUM("k", "类型", "kind", 1, activity_kinds),
	{ "gr", "年级", "grade", RX_SCHEMA_F_INT, 0, 0, 1, 12, NULL },
	TXT("c", "班级", "class", 0, 32),
	{ "h", "小时", "hours", RX_SCHEMA_F_INT, 0, 0, 0, 168, NULL },
	TXT("nt", "记录", "notes", 0, 4096),
};
static const rx_schema_fdef observation[] = {
	STUDENT_KEY,
	DATE("d", "日期", "date", 1),
	ENUM("ro", "报告人身份", "reporter_role", 1, observer_roles),
	TXT("by", "报告人", "by", 0, 128),
	{ "lv", "建议等级", "proposed", RX_SCHEMA_F_LEVEL, 1, 0, 0, 0, NULL },
	TXT("nt", "观察记录", "notes", 0, 4096),
};
/* 档案转接: written by `transfer`/`accept` (ops/transfer), one per transfer of the student, in or out. */
static const rx_schema_enumval transfer_dirs[] = {
	{ "in", "转入", "in" }, { "out", "转出", "out" }, { NULL, NULL, NULL } };
static const rx_schema_fdef transfer[] = {
	STUDENT_KEY,
	{ "x", "转接编号", "transfer", RX_SCHEMA_F_TEXT, 1, 1, 0, 16, NULL },
	ENUM("dr", "方向", "direction", 1, transfer_dirs),
	TXT("sn", "学校", "school", 1, 128),
	TXT("si", "学校编号", "school_id", 0, 16),
	DATE("d", "日期", "date", 1),
	{ "nr", "记录数", "records", RX_SCHEMA_F_INT, 0, 0, 0, 1000000, NULL },
	TXT("of", "转接变更集", "offer", 0, 40),
};
static const rx_schema_fdef access[] = {
	TXT("w", "内容", "what", 1, 256),
	TXT("op", "操作人", "operator", 0, 128),
	TXT("at", "时间", "at", 1, 32),
};

#define T(code, name, zh, form, ps, pers, items, df, f) \
	{ code, name, zh, form, ps, pers, items, df, f, N(f) }
static const rx_schema_type types[] = {
	T("st", "student", "学生", RX_SCHEMA_ID_KEYS, 1, 1, 0, NULL, student),
	T("cl", "class", "班级", RX_SCHEMA_ID_KEYS, 0, 1, 0, NULL, klass),
	T("sf", "staff", "教职工", RX_SCHEMA_ID_COUNTER, 0, 0, 0, NULL, staff),
	T("sc", "screening", "测评", RX_SCHEMA_ID_KEYS, 1, 1, 1, "d", screening),
	T("as", "assessment", "评估", RX_SCHEMA_ID_COUNTER, 1, 1, 0, "d", assessment),
	T("cp", "care-plan", "一生一策", RX_SCHEMA_ID_KEYS, 1, 1, 0, "d", care_plan),
	T("cs", "counselling", "辅导", RX_SCHEMA_ID_COUNTER, 1, 1, 0, "d", session),
	T("rf", "referral", "转介", RX_SCHEMA_ID_COUNTER, 1, 1, 0, "d", referral),
	T("hv", "home-visit", "家访", RX_SCHEMA_ID_COUNTER, 1, 1, 0, "d", visit),
	T("pn", "notice", "家长告知", RX_SCHEMA_ID_COUNTER, 1, 1, 0, "d", notice),
	T("in", "incident", "极端事件", RX_SCHEMA_ID_COUNTER, 0, 1, 0, "d", incident),
	T("rr", "review", "复盘报告", RX_SCHEMA_ID_EXPLICIT, 0, 1, 0, "sd", review),
	T("ac", "activity", "活动", RX_SCHEMA_ID_COUNTER, 0, 0, 0, "d", activity),
	T("ax", "access", "访问记录", RX_SCHEMA_ID_COUNTER, 0, 1, 0, NULL, access),
	T("ob", "observation", "观察报告", RX_SCHEMA_ID_COUNTER, 1, 1, 0, "d", observation),
	T("tr", "transfer", "档案转接", RX_SCHEMA_ID_KEYS, 1, 1, 0, "d", transfer),
};

const rx_schema_type *rx_schema_types(size_t *n)
{
	*n = N(types);
	return types;
}

const rx_schema_type *rx_schema_type_find(const char *name)
{
	for (size_t i = 0; i < N(types); i++)
		if (!strcmp(types[i].code, name) || !strcmp(types[i].name, name) ||
		    !strcmp(types[i].zh, name))
			return &types[i];
	return NULL;
}
