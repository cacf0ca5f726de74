-- an implausible cut-off is one problem
UPDATE municipality SET cutoff_date = '9999-12-31';
