// Command templateoracle runs Go's text/template on the cases in cases.json and writes what Go printed, so that
// berth's GoTemplateTest compares its template engine with Go itself. It is a developer tool, not part of the
// build: regenerate the expectations after changing cases.json with
//
//	cd cli/src/test/go/templateoracle && go run main.go cases.json > ../../resources/dev/berth/cli/format/go-template-cases.json
//
// The data is decoded as Docker's typed values look to a template: integers as int, other numbers as float64,
// objects and arrays whose values are all strings as map[string]string and []string. The functions are the
// ones Docker's CLI adds (cli/templates), and encoding/json's escapes of \b and \f are those of Go 1.22 and
// later, which Docker 28 is built with.
package main

import (
	"bytes"
	"encoding/json"
	"os"
	"runtime"
	"strings"
	"text/template"
)

// Ctx stands for one of Docker's formatter contexts: a struct with fields and a method with an argument.
type Ctx struct {
	ID   string
	Name string
	Size int
}

// Label is like ContainerContext.Label.
func (c *Ctx) Label(name string) string {
	if name == "a" {
		return "1"
	}
	return ""
}

func typed(v any) any {
	switch t := v.(type) {
	case map[string]any:
		strs := map[string]string{}
		for k, e := range t {
			t[k] = typed(e)
			if s, ok := t[k].(string); ok {
				strs[k] = s
			}
		}
		if len(strs) == len(t) {
			return strs
		}
		return t
	case []any:
		strs := []string{}
		for i, e := range t {
			t[i] = typed(e)
			if s, ok := t[i].(string); ok {
				strs = append(strs, s)
			}
		}
		if len(strs) == len(t) {
			return strs
		}
		return t
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return int(i)
		}
		f, _ := t.Float64()
		return f
	}
	return v
}

func jsonFunc(v any) string {
	buf := &bytes.Buffer{}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	s := strings.TrimSpace(buf.String())
	// Go 1.22 changed these two escapes; Docker 28 is built with a later Go.
	return strings.NewReplacer(`\u0008`, `\b`, `\u000c`, `\f`).Replace(s)
}

var basic = template.FuncMap{
	"json":  jsonFunc,
	"split": strings.Split, "join": strings.Join, "title": strings.Title,
	"lower": strings.ToLower, "upper": strings.ToUpper,
	"pad": func(s string, prefix, suffix int) string {
		if s == "" {
			return s
		}
		return strings.Repeat(" ", prefix) + s + strings.Repeat(" ", suffix)
	},
	"truncate": func(s string, n int) string {
		if len(s) < n {
			return s
		}
		return s[:n]
	},
}

var header = template.FuncMap{
	"json":     func(v string) string { return v },
	"split":    func(v string, _ string) string { return v },
	"join":     func(v string, _ string) string { return v },
	"title":    func(v string) string { return v },
	"lower":    func(v string) string { return v },
	"upper":    func(v string) string { return v },
	"truncate": func(v string, _ int) string { return v },
}

type testCase struct {
	T  string `json:"t"`
	On string `json:"on,omitempty"`
}

type result struct {
	T   string `json:"t"`
	On  string `json:"on,omitempty"`
	Out string `json:"out"`
	Err string `json:"err,omitempty"`
}

func main() {
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var in struct {
		Data    json.RawMessage   `json:"data"`
		Headers map[string]string `json:"headers"`
		Cases   []testCase        `json:"cases"`
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		panic(err)
	}
	dec := json.NewDecoder(bytes.NewReader(in.Data))
	dec.UseNumber()
	var data any
	if err := dec.Decode(&data); err != nil {
		panic(err)
	}
	data = typed(data)
	var results []result
	for _, c := range in.Cases {
		r := result{T: c.T, On: c.On}
		t, err := template.New("").Funcs(basic).Parse(c.T)
		if err != nil {
			r.Err = err.Error()
			results = append(results, r)
			continue
		}
		var b bytes.Buffer
		switch c.On {
		case "header":
			// Docker ignores errors in headers and keeps what was written.
			_ = t.Funcs(header).Execute(&b, in.Headers)
		case "struct":
			err = t.Execute(&b, &Ctx{ID: "abc", Name: "web", Size: 5})
		default:
			err = t.Execute(&b, data)
		}
		r.Out = b.String()
		if err != nil {
			r.Err = err.Error()
		}
		results = append(results, r)
	}
	out := map[string]any{
		"generatedBy": "cli/src/test/go/templateoracle with " + runtime.Version(),
		"data":        in.Data,
		"headers":     in.Headers,
		"cases":       results,
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
