#pragma once

// The B-cos-v2 model zoo's families (one file pair each), for families() in core/models/family.cpp.
#include "core/models/bcosv2/bcosv2convnext.h"
#include "core/models/bcosv2/bcosv2densenet.h"
#include "core/models/bcosv2/bcosv2resnet.h"
#include "core/models/bcosv2/bcosv2vgg.h"
#include "core/models/bcosv2/bcosv2vit.h"
