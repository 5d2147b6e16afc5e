demo:
	bash pcp/scripts/demo.sh

test:
	bash pcp/scripts/test.sh

.PHONY: demo test
