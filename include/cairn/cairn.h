/* cairn — the umbrella header */
#ifndef CAIRN_H
#define CAIRN_H

#include "error.h"
#include "fs.h"
#include "date.h"
#include "id.h"
#include "yaml.h"
#include "record.h"
#include "profile.h"
#include "repo.h"
#include "txn.h"
#include "goal.h"
#include "smart.h"
#include "ce.h"
#include "plan.h"
#include "remind.h"
#include "history.h"
#include "export.h"
#include "doctor.h"

/* The version of cairn, as "MAJOR.MINOR.PATCH". */
const char *cairn_version(void);

#endif
