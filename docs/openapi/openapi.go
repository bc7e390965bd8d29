// Package openapi embeds the OpenAPI (Swagger 2.0) document of the custom
// modules' REST routes, agij.swagger.json, which scripts/openapi.sh (make
// proto-gen) generates from proto/agij/*/v1/query.proto. agijd's API server
// serves it at /agij/openapi.json (see package web).
package openapi

import _ "embed"

// JSON is the document as generated.
//
//go:embed agij.swagger.json
var JSON []byte
