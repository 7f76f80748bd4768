"""Pages of the code of honour (`honour`), conduct cases (`cases`) and a resignation."""
