package scenario_test

import (
	"fmt"

	"github.com/globomantics/globosim/internal/scenario"
)

func ExampleParse() {
	src := `name = "Acme"

[[work]]
id = "feature"
arrival = { dist = "exponential", mean = "6h" }
route = ["dev", "tset"]

[[stage]]
id = "dev"
capcity = 4
service = { dist = "lognormal", mean = "2d", sd = "-1d" }

[[stage]]
id = "test"
capacity = 2
service = { dist = "uniform", min = "4h", max = "2h" }
`
	_, err := scenario.Parse("acme.toml", []byte(src))
	fmt.Println(err)
	// Output:
	// acme.toml:6:17: work "feature": route names stage "tset", which does not exist; did you mean "test"?
	// acme.toml:10:1: unknown key "capcity" in [[stage]] "dev"; did you mean "capacity"?
	// acme.toml:11:46: stage "dev": service sd must not be negative (got "-1d")
	// acme.toml:16:31: stage "test": service min must not be more than max (min "4h", max "2h")
}
