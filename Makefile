demo:
	bash pcp/scripts/demo.sh

test:
	bash pcp/scripts/test.sh

serve:
	bash pcp/scripts/serve.sh

.PHONY: demo test serve
