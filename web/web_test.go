package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gorilla/mux"
	"github.com/stretchr/testify/require"

	"github.com/agijobmanager/agij/web"
)

func get(t *testing.T, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	resp := rec.Result()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

func TestRoutes(t *testing.T) {
	r := mux.NewRouter()
	web.RegisterRoutes(r)

	resp, body := get(t, r, "/dashboard/")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, resp.Header.Get("Content-Type"), "text/html")
	require.Contains(t, body, `<script src="app.js">`)

	resp, body = get(t, r, "/dashboard/app.js")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, resp.Header.Get("Content-Type"), "javascript")
	require.Contains(t, body, "/agij/jobs/v1/jobs")

	resp, _ = get(t, r, "/dashboard/style.css")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, resp.Header.Get("Content-Type"), "text/css")

	resp, _ = get(t, r, "/dashboard")
	require.Equal(t, http.StatusMovedPermanently, resp.StatusCode)
	require.Equal(t, "/dashboard/", resp.Header.Get("Location"))

	resp, body = get(t, r, "/agij/openapi.json")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	var doc struct {
		Swagger string                               `json:"swagger"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &doc))
	require.Equal(t, "2.0", doc.Swagger)
	ids := map[string]bool{}
	for path, ops := range doc.Paths {
		require.True(t, strings.HasPrefix(path, "/agij/"), path)
		for _, op := range ops {
			id, _ := op["operationId"].(string)
			require.False(t, ids[id], "operationId %q is repeated", id)
			ids[id] = true
		}
	}
	for _, p := range []string{"/agij/jobs/v1/jobs", "/agij/jobs/v1/jobs/{job_id}", "/agij/reputation/v1/leaderboard", "/agij/allowlist/v1/members/{role}"} {
		require.Contains(t, doc.Paths, p)
	}
}

// TestDistUpToDate catches a change to web/static that was not rebuilt
// into web/dist with `make web` (app.js is checked by the browser tests).
func TestDistUpToDate(t *testing.T) {
	for _, name := range []string{"index.html", "style.css"} {
		src, err := os.ReadFile(filepath.Join("static", name))
		require.NoError(t, err)
		built, err := os.ReadFile(filepath.Join("dist", name))
		require.NoError(t, err)
		require.Equal(t, string(src), string(built), "web/dist/%s is stale: run make web", name)
	}
	_, err := os.Stat(filepath.Join("dist", "app.js"))
	require.NoError(t, err)
}
