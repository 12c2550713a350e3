// The reference for FormatBench.java: Docker's way of rendering a listing (text/template per row into a buffer,
// the header through the same template, then tabwriter with minwidth 10 and padding 3), on the same 100 rows.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"text/template"
	"time"
)

type imageContext struct {
	repo, tag, id, created, size string
}

func (c *imageContext) Repository() string   { return c.repo }
func (c *imageContext) Tag() string          { return c.tag }
func (c *imageContext) ID() string           { return c.id }
func (c *imageContext) CreatedSince() string { return c.created }
func (c *imageContext) Size() string         { return c.size }
func (c *imageContext) CreatedAt() string    { return "2026-11-19 10:11:12 +0000 UTC" }
func (c *imageContext) Digest() string       { return "<none>" }
func (c *imageContext) Containers() string   { return "N/A" }
func (c *imageContext) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"Containers": c.Containers(), "CreatedAt": c.CreatedAt(),
		"CreatedSince": c.created, "Digest": c.Digest(), "ID": c.id, "Repository": c.repo, "SharedSize": "N/A",
		"Size": c.size, "Tag": c.tag, "UniqueSize": "N/A", "VirtualSize": c.size})
}

var headers = map[string]string{"ID": "IMAGE ID", "Repository": "REPOSITORY", "Tag": "TAG", "Digest": "DIGEST",
	"CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "Size": "SIZE"}

func jsonFunc(v any) string {
	buf := &bytes.Buffer{}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return strings.TrimSpace(buf.String())
}

func humanSize(size float64) string {
	units := []string{"B", "kB", "MB", "GB", "TB"}
	i := 0
	for size >= 1000 && i < len(units)-1 {
		size /= 1000
		i++
	}
	return fmt.Sprintf("%.*g%s", 3, size, units[i])
}

func render(tmpl *template.Template, table bool, rows []*imageContext) string {
	var body bytes.Buffer
	for _, r := range rows {
		if err := tmpl.Execute(&body, r); err != nil {
			panic(err)
		}
		body.WriteString("\n")
	}
	if !table {
		return body.String()
	}
	var out bytes.Buffer
	t := tabwriter.NewWriter(&out, 10, 1, 3, ' ', 0)
	var header bytes.Buffer
	tmpl.Execute(&header, headers)
	header.WriteTo(t)
	t.Write([]byte("\n"))
	body.WriteTo(t)
	t.Flush()
	return out.String()
}

func main() {
	format := "{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
	table := true
	if len(os.Args) > 1 && os.Args[1] == "json" {
		format, table = "{{json .}}", false
	}
	var rows []*imageContext
	for i := 0; i < 100; i++ {
		rows = append(rows, &imageContext{fmt.Sprintf("registry.example/team/app-%d", i), fmt.Sprintf("v1.%d", i),
			fmt.Sprintf("%012x", 0x1000000*(i+1)+7919*i), fmt.Sprintf("%d days ago", i%30+2),
			humanSize(1234567.0 * float64(i+1))})
	}
	tmpl := template.Must(template.New("").Funcs(template.FuncMap{"json": jsonFunc}).Parse(format))
	for i := 0; i < 5000; i++ {
		render(tmpl, table, rows)
	}
	var batches []time.Duration
	for b := 0; b < 25; b++ {
		start := time.Now()
		for i := 0; i < 400; i++ {
			render(tmpl, table, rows)
		}
		batches = append(batches, time.Since(start)/400)
	}
	sort.Slice(batches, func(i, j int) bool { return batches[i] < batches[j] })
	name := "table"
	if !table {
		name = "json"
	}
	fmt.Printf("go text/template %s: median %.1f us per 100-row render (min %.1f, max %.1f)\n", name,
		float64(batches[len(batches)/2].Nanoseconds())/1e3, float64(batches[0].Nanoseconds())/1e3,
		float64(batches[len(batches)-1].Nanoseconds())/1e3)
}
