#ifndef STOREFRONT_CQRENCODE_SHIM_H
#define STOREFRONT_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
