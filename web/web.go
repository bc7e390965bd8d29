// Package web serves, from agijd's API server, the node dashboard (the static
// files of web/dist, built from web/src by `make web` and committed, so
// building agijd needs no Node.js) at /dashboard/ and the OpenAPI document of
// the custom modules' REST routes at /agij/openapi.json.
package web

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/agijobmanager/agij/docs/openapi"
)

// Paths on the API server.
const (
	DashboardPath = "/dashboard/"
	OpenAPIPath   = "/agij/openapi.json"
)

//go:embed all:dist
var dist embed.FS

// Dist is the built dashboard: index.html, app.js, style.css.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist is embedded at build time
	}
	return sub
}

// RegisterRoutes adds the dashboard and the OpenAPI document to the API
// server's router. Call it before the gRPC gateway's catch-all route is
// added (the SDK adds that when the server starts, after RegisterAPIRoutes).
func RegisterRoutes(r *mux.Router) {
	r.Path(OpenAPIPath).Methods(http.MethodGet, http.MethodHead).HandlerFunc(serveOpenAPI)
	r.Path("/dashboard").Handler(http.RedirectHandler(DashboardPath, http.StatusMovedPermanently))
	files := http.StripPrefix(DashboardPath, http.FileServer(http.FS(Dist())))
	r.PathPrefix(DashboardPath).Methods(http.MethodGet, http.MethodHead).Handler(
		http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			// The files change only with the binary; revalidate each load.
			w.Header().Set("Cache-Control", "no-cache")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			files.ServeHTTP(w, req)
		}))
}

func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	_, _ = w.Write(openapi.JSON)
}
