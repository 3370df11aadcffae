/*
** model.h - the normalized model of one filing (the contract of docs/MODEL.md).
**
** The extractor fills it, the store keeps it, the renderers read it.  Every
** string is owned by the model (UTF-8, malloc'ed) and NULL means JSON null.
*/
#ifndef RG_MODEL_H
#define RG_MODEL_H

#include <stddef.h>

typedef enum {
	RG_KIND_OTHER = 0,
	RG_KIND_PROGRESS_REPORT,
	RG_KIND_ACTION_PLAN,
	RG_KIND_INTEGRITY_REPORT
} rg_doc_kind;

typedef enum {
	RG_ORG_OTHER = 0,
	RG_ORG_PAO,                 /* องค์การบริหารส่วนจังหวัด (อบจ.) */
	RG_ORG_SAO,                 /* องค์การบริหารส่วนตำบล (อบต.) */
	RG_ORG_CITY,                /* เทศบาลนคร */
	RG_ORG_TOWN,                /* เทศบาลเมือง */
	RG_ORG_SUBDISTRICT          /* เทศบาลตำบล */
} rg_org_type;

typedef enum {
	RG_ITEM_OTHER = 0,
	RG_ITEM_PROJECT,            /* โครงการ */
	RG_ITEM_ACTIVITY,           /* กิจกรรม */
	RG_ITEM_MEASURE             /* มาตรการ */
} rg_item_kind;

typedef enum {
	RG_STATUS_NONE = 0,         /* nothing ticked: JSON null */
	RG_STATUS_PENDING_REPORT,
	RG_STATUS_IN_PROGRESS,
	RG_STATUS_COMPLETED,
	RG_STATUS_NOT_POSSIBLE,
	RG_STATUS_NOT_STARTED
} rg_status;
#define RG_STATUS_COUNT 6

typedef enum { RG_SEV_INFO = 0, RG_SEV_WARNING, RG_SEV_ERROR } rg_severity;

/* An amount that may be absent (JSON null). */
typedef struct {
	int set;
	double value;
} rg_amount;

typedef struct {
	int year;                   /* Buddhist Era */
	rg_amount amount;
} rg_year_amount;

typedef struct {
	char *seq;
	char *name;
	rg_item_kind kind;
	int dimension;              /* 1..4, 0 = null */
	char *mission;              /* "1.1" or NULL */
	rg_amount budget;
	int no_budget;
	rg_year_amount *budget_by_year;   /* NULL = null */
	size_t n_budget_by_year;
	rg_amount disbursed;
	rg_status status;
	char *responsible;
} rg_project;

typedef struct {
	char *key;                  /* projects_total, completed, disbursed_total, ... */
	double value;
} rg_stated;

/* A figure of a finding, by name ("rows", "stated", "seq", "before", ...): the
** value as text, a number in JSON notation ("30000.5") or a string.  Renderers
** word a finding from its code and these (the PDF report in Thai); the message
** stays the English explanation of the CSV/JSON outputs. */
typedef struct {
	char *name;
	char *value;
} rg_finding_arg;

typedef struct {
	rg_severity severity;
	char *code;
	char *message;
	rg_finding_arg *args;       /* NULL: the figures are only in the message */
	size_t n_args;
} rg_finding;

typedef struct {
	char *file;                 /* source.file: the path as given */
	char *format;               /* "docx" / "odt" */
	char *sha256;               /* hex */

	rg_doc_kind kind;
	char *org_name;
	rg_org_type org_type;
	char *district;
	char *province;
	int fiscal_year;            /* BE, 0 = null */
	int round_months;           /* 6 / 12, 0 = null */
	int plan_from, plan_to;     /* plan_period, 0 = null */
	char as_of[11];             /* "YYYY-MM-DD" (BE) or "" = null */

	rg_project *projects;
	size_t n_projects, cap_projects;
	rg_stated *stated;
	size_t n_stated, cap_stated;
	rg_finding *findings;
	size_t n_findings, cap_findings;
} rg_model;

rg_model *rg_model_new(void);
void rg_model_free(rg_model *m);

/* Append a zeroed project and return it (NULL on oom). */
rg_project *rg_model_add_project(rg_model *m);
int rg_model_set_stated(rg_model *m, const char *key, double value);
const rg_stated *rg_model_get_stated(const rg_model *m, const char *key);
int rg_model_add_finding(rg_model *m, rg_severity sev, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* Attach a figure to the last finding added (JSON "args"); 0, RG_ENOMEM, or
** RG_EUSAGE when the model has no finding yet. */
int rg_model_finding_arg(rg_model *m, const char *name, const char *value);

/* Replace *dst with a copy of src (NULL allowed); 0 or RG_ENOMEM. */
int rg_model_set_str(char **dst, const char *src);
void rg_project_clear(rg_project *p);

/* Names used in JSON and the store, and back ("" / unknown -> the *_OTHER / NONE value). */
const char *rg_doc_kind_name(rg_doc_kind k);
const char *rg_org_type_name(rg_org_type t);
const char *rg_item_kind_name(rg_item_kind k);
const char *rg_status_name(rg_status s);          /* NULL for RG_STATUS_NONE */
const char *rg_severity_name(rg_severity s);
rg_doc_kind rg_doc_kind_from_name(const char *s);
rg_org_type rg_org_type_from_name(const char *s);
rg_item_kind rg_item_kind_from_name(const char *s);
rg_status rg_status_from_name(const char *s);
rg_severity rg_severity_from_name(const char *s);

#endif
